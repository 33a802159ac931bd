// The same payout request sent twice (a client retry): Stripe's idempotency key returns the same
// transfer, the guard finds the journal entry, and the rights holder is not notified again.
import { exampleWorkflow, payoutRequest, traceOf } from '../lib/example.mjs';

export const name = 'example: a replayed request is not paid, booked or notified twice';

export async function run(ctx) {
	const { assert } = ctx;
	const path = await exampleWorkflow(ctx);
	const request = payoutRequest();

	const first = await ctx.callWebhook(path, request);
	const second = await ctx.callWebhook(path, request);

	assert.equal(first.body.status, 'paid', JSON.stringify(first.body));
	assert.equal(second.status, 200);
	assert.equal(second.body.status, 'already-processed', JSON.stringify(second.body));
	const trace = await traceOf(ctx, request.reference);
	assert.equal(trace.transfers.length, 1);
	assert.equal(trace.moves.length, 1);
	assert.equal(trace.posts.length, 1);
	assert.equal(trace.messenger.length, 1);
}
