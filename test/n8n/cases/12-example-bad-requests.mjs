// Bad payout requests get a clear 400 and send nothing: no transfer, no chatter post, no message.
import { exampleWorkflow, payoutRequest, traceOf } from '../lib/example.mjs';

export const name = 'example: bad requests are answered 400 and nothing is sent';

const BAD = [
	{ why: 'missing fields', body: { partner_ref: 'RH-0007' }, problem: 'amount must be a number above 0' },
	{ why: 'negative amount', body: { amount: -5 }, problem: 'amount must be a number above 0' },
	{ why: 'unknown partner', body: { partner_ref: 'RH-9999' }, problem: 'unknown partner: RH-9999' },
	{ why: 'HTML in the reference', body: { reference: '<img src=x onerror=alert(1)>' }, problem: 'reference must be 1-64 letters' },
	{ why: 'no payout account', body: { partner_ref: 'RH-0009' }, problem: 'the partner has no payout account' },
	{ why: 'a non-http payout link', body: { payout_link: 'javascript:alert(1)' }, problem: 'payout_link must be an http(s) address' },
];

export async function run(ctx) {
	const { assert } = ctx;
	const path = await exampleWorkflow(ctx);
	const before = await ctx.sandboxState();
	for (const { why, body, problem } of BAD) {
		const request = why === 'missing fields' ? body : payoutRequest(body);
		const response = await ctx.callWebhook(path, request);

		assert.equal(response.status, 400, `${why}: ${JSON.stringify(response.body)}`);
		assert.equal(response.body.status, 'rejected', why);
		assert.ok(response.body.problems.some((p) => p.includes(problem)), `${why}: ${JSON.stringify(response.body.problems)}`);
	}
	const after = await ctx.sandboxState();
	assert.equal(after.stripe.transfers.length, before.stripe.transfers.length, 'no transfer');
	assert.equal(after.odoo.messages.length, before.odoo.messages.length, 'no chatter post');
	assert.equal(after.harasocial.messages.length, before.harasocial.messages.length, 'no Messenger message');
	assert.equal(after.onebox.messages.length, before.onebox.messages.length, 'no Onebox message');
	assert.ok(!(await traceOf(ctx, '<img')).posts.length);
}
