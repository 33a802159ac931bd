// 50 distinct payouts sent at once to the webhook processor: every one paid, every kind of API
// request made exactly once per payout, the work shared by both workers and none of it on main.
import { exampleWorkflow, isPositive, payoutRequest } from '../lib/example.mjs';
import { kindCounts, lastSeq, requestsSince } from '../lib/queue.mjs';

export const name = 'queue: 50 distinct payouts through the webhook processor -> 50 paid, each API request kind 50 times, both workers, not main';

const COUNT = 50;
const PER_PAYOUT = [
	['harasocial POST /harasocial/social/messages.json', 1],
	['odoo POST /odoo/json/:id/account.move/action_post', 1],
	['odoo POST /odoo/json/:id/account.move/create', 1],
	['odoo POST /odoo/json/:id/account.move/search_read', 2],
	['odoo POST /odoo/json/:id/mail.message/search_read', 1],
	['odoo POST /odoo/json/:id/res.currency/search_read', 1],
	['odoo POST /odoo/json/:id/res.partner/message_post', 1],
	['odoo POST /odoo/json/:id/res.partner/search_read', 1],
	['onebox POST /onebox/api/message', 1],
	['stripe GET /stripe/v1/transfers', 1],
	['stripe POST /stripe/v1/transfers', 1],
];

export async function run(ctx) {
	const { assert } = ctx;
	const path = await exampleWorkflow(ctx);
	// One payout first: warms the workers and logs Onebox in, so the 50 below meet a valid token.
	assert.equal((await ctx.callWebhook(path, payoutRequest())).body?.status, 'paid');
	const since = await lastSeq(ctx);
	const marks = ctx.logMarks();
	const requests = Array.from({ length: COUNT }, () => payoutRequest());

	const answers = await Promise.all(requests.map((body) => ctx.callWebhook(path, body, { waitMs: 0 })));

	const bad = answers.filter((a) => a.status !== 200 || a.body?.status !== 'paid');
	assert.equal(bad.length, 0, `not paid: ${JSON.stringify(bad.slice(0, 3))}`);
	assert.deepEqual(answers.map((a) => a.body.reference).sort(), requests.map((r) => r.reference).sort());
	const counts = kindCounts(await requestsSince(ctx, since));
	console.log(`   request kinds: ${JSON.stringify(counts)}`);
	// Every step's request once per payout; account.move/search_read serves two steps (3. Find
	// Booking, 4. Find Claims). No Onebox login: the warm-up's token is still valid.
	const expected = Object.fromEntries(PER_PAYOUT.map(([kind, times]) => [kind, times * COUNT]));
	assert.deepEqual(counts, expected, `every request kind exactly ${COUNT} times`);

	const state = await ctx.sandboxState();
	for (const r of requests) {
		const transfers = state.stripe.transfers.filter((t) => t.transfer_group === r.reference);
		const moves = state.odoo.moves.filter((m) => m.ref === r.reference);
		const mentions = new RegExp(`${r.reference}(?![\\w-])`);
		const posts = state.odoo.messages.filter((m) => m.model === 'res.partner' && mentions.test(String(m.body_html ?? '')));
		assert.equal(transfers.length, 1, `${r.reference}: one transfer`);
		assert.deepEqual(moves.map((m) => m.state), ['posted'], `${r.reference}: one posted entry`);
		assert.ok(posts.length === 1 && isPositive(posts[0]), `${r.reference}: one positive post`);
	}

	const started = ctx.startedSince(marks);
	console.log(`   executions started per instance: ${JSON.stringify(Object.fromEntries(Object.entries(started).map(([k, v]) => [k, v.length])))}`);
	const onWorkers = ctx.stack.workers.flatMap((w) => started[w.role]);
	assert.equal(new Set(onWorkers).size, COUNT, `the workers ran ${onWorkers.length} executions`);
	for (const w of ctx.stack.workers) assert.ok(started[w.role].length > 0, `${w.role} ran none`);
	assert.equal(started.main.length, 0, 'main ran none');
}
