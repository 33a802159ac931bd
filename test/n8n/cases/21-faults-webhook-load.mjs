// 30 payout requests sent at once to the example workflow's webhook: every one is answered, paid
// and notified exactly once, and no transfer or journal entry is booked twice.
// `npm run bench` sends 200.
import { loadOutcome } from '../../../scripts/lib/payout-runs.mjs';
import { exampleWorkflow, payoutRequest } from '../lib/example.mjs';

export const name = 'faults: 30 concurrent payout requests to the example: all answered, one notification each, no double booking';

const COUNT = 30;

export async function run(ctx) {
	const { assert } = ctx;
	const path = await exampleWorkflow(ctx);
	const requests = Array.from({ length: COUNT }, (_, i) => payoutRequest(i % 2 ? { partner_ref: 'RH-0008' } : {}));

	const answers = await Promise.all(requests.map((body) => ctx.callWebhook(path, body, { waitMs: 0 })));

	const r = loadOutcome({ requests, answers, state: await ctx.sandboxState() });
	const summary = JSON.stringify(r);
	assert.deepEqual(r.statuses, { 200: COUNT }, summary);
	assert.equal(r.paid, COUNT, summary);
	assert.equal(r.postsOnce, COUNT, `one chatter post each: ${summary}`);
	assert.equal(r.transfersOnce, COUNT, `one transfer each: ${summary}`);
	assert.equal(r.movesOnce, COUNT, `one journal entry each: ${summary}`);
	assert.equal(r.postsTwice + r.transfersTwice + r.movesTwice, 0, `nothing twice: ${summary}`);
	assert.equal(r.messengerOnce, COUNT, `one Messenger message each: ${summary}`);
	assert.equal(r.oneboxOnce, COUNT, `one Onebox message each: ${summary}`);
}
