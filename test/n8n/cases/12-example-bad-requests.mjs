// Bad payout requests get a clear 400 naming every problem, before any money moves: no transfer, no
// journal entry, no chatter post, no message. Money is never rounded: an amount the currency (or
// Stripe) cannot carry exactly is refused.
import { exampleWorkflow, payoutRequest, traceOf } from '../lib/example.mjs';

export const name = 'example: bad requests (amounts per currency, dates, links, partners) are answered 400 and nothing is sent';

const BAD = [
	{ why: 'missing fields', body: { partner_ref: 'RH-0007' }, problem: 'currency (none) is not one this workflow pays in (EUR, USD, GBP, CHF, JPY, KRW, BHD, KWD)' },
	{ why: 'no amount', body: { amount: undefined }, problem: 'amount (none) must be a positive decimal number' },
	{ why: 'no partner given', body: { partner_ref: undefined }, problem: 'partner_ref or partner_id is required' },
	{ why: 'negative amount', body: { amount: -5 }, problem: 'amount -5 must be a positive decimal number' },
	{ why: 'EUR with 3 decimals', body: { amount: 1.005 }, problem: 'amount 1.005 has 3 decimals; this currency has 2' },
	{ why: 'JPY with decimals', body: { amount: 10.5, currency: 'JPY' }, problem: 'amount 10.5 has 1 decimals; this currency has 0' },
	{ why: 'BHD not ending in 0', body: { amount: 1.235, currency: 'BHD' }, problem: 'Stripe takes BHD in thousandths ending in 0' },
	{ why: 'an unknown currency', body: { currency: 'XYZ' }, problem: 'currency XYZ is not one this workflow pays in' },
	{ why: 'above the maximum', body: { amount: 10000.01 }, problem: 'is above the maximum of 10000 EUR per payout' },
	{ why: 'an empty date', body: { date: '' }, problem: 'date is empty' },
	{ why: 'no such day', body: { date: '2026-02-30' }, problem: 'date 2026-02-30 is not a calendar date' },
	{ why: 'unknown partner', body: { partner_ref: 'RH-9999' }, problem: 'unknown partner: RH-9999' },
	{ why: 'HTML in the reference', body: { reference: '<img src=x onerror=alert(1)>' }, problem: 'reference must be 1-64 letters' },
	{ why: 'no payout account', body: { partner_ref: 'RH-0009' }, problem: 'the partner has no payout account' },
	{ why: 'a script link', body: { payout_link: 'javascript:alert(1)' }, problem: 'payout_link must be an https:// address' },
	{ why: 'a plain http link', body: { payout_link: 'http://pay.example.com/x' }, problem: 'payout_link must be an https:// address' },
];

// Known to the workflow but not active in the sandbox's Odoo: refused with 422 before money moves.
const INACTIVE = { why: 'a currency inactive in Odoo', body: { currency: 'KWD', amount: '1.5' }, problem: 'currency KWD is not active in Odoo' };

export async function run(ctx) {
	const { assert } = ctx;
	const path = await exampleWorkflow(ctx);
	const before = await ctx.sandboxState();
	for (const { why, body, problem } of BAD) {
		const request = why === 'missing fields' ? body : payoutRequest(body);
		const response = await ctx.callWebhook(path, request);

		assert.equal(response.status, 400, `${why}: ${JSON.stringify(response.body)}`);
		assert.deepEqual([response.body.status, response.body.moneyMoved], ['rejected', false], why);
		assert.ok(response.body.problems.some((p) => p.includes(problem)), `${why}: ${JSON.stringify(response.body.problems)}`);
	}
	const inactive = await ctx.callWebhook(path, payoutRequest(INACTIVE.body));
	assert.equal(inactive.status, 422, JSON.stringify(inactive.body));
	assert.ok(inactive.body.problems[0].startsWith(INACTIVE.problem), JSON.stringify(inactive.body));
	const after = await ctx.sandboxState();
	assert.equal(after.stripe.transfers.length, before.stripe.transfers.length, 'no transfer');
	assert.equal(after.odoo.moves.length, before.odoo.moves.length, 'no journal entry');
	assert.equal(after.stripe.transfers.length, before.stripe.transfers.length, 'no transfer for the inactive currency either');
	assert.equal(after.odoo.messages.length, before.odoo.messages.length, 'no chatter post');
	assert.equal(after.harasocial.messages.length, before.harasocial.messages.length, 'no Messenger message');
	assert.equal(after.onebox.messages.length, before.onebox.messages.length, 'no Onebox message');
	assert.ok(!(await traceOf(ctx, '<img')).posts.length);
}
