// A good payout request through the example workflow: paid, booked, one positive chatter post with
// every placeholder filled, and the Messenger and Onebox messages sent.
import { exampleWorkflow, isPositive, payoutRequest, traceOf } from '../lib/example.mjs';

export const name = 'example: a good payout is paid, booked once and notified once, positively';

export async function run(ctx) {
	const { assert } = ctx;
	const path = await exampleWorkflow(ctx);
	const request = payoutRequest();

	const response = await ctx.callWebhook(path, request);

	assert.equal(response.status, 200, JSON.stringify(response.body));
	assert.equal(response.body.status, 'paid');
	const trace = await traceOf(ctx, request.reference);
	assert.equal(trace.transfers.length, 1, 'one transfer');
	assert.equal(trace.transfers[0].amount, 12550);
	assert.equal(trace.transfers[0].destination, 'acct_1AdaLovelace');
	assert.equal(trace.moves.length, 1, 'one journal entry');
	assert.equal(trace.moves[0].state, 'posted');
	assert.equal(trace.posts.length, 1, 'exactly one chatter post');
	const [post] = trace.posts;
	assert.ok(isPositive(post), post.body_html);
	assert.equal(post.model, 'res.partner');
	assert.equal(post.res_id, 7);
	assert.equal(post.id, response.body.chatterMessageId);
	assert.deepEqual(post.partner_ids, [7]);
	assert.equal(post.subtype_xmlid, 'mail.mt_comment');
	for (const value of [request.reference, '2026-11-22', '125.50', 'EUR', `href="${request.payout_link}"`]) {
		assert.ok(post.body_html.includes(value), `${value} missing from ${post.body_html}`);
	}
	assert.equal(trace.messenger.length, 1, 'one Messenger flow');
	assert.equal(trace.onebox.length, 1, 'one Onebox email');
	assert.equal(trace.onebox[0].To, 'ada@example.com');
}
