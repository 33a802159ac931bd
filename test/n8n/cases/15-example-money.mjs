// Real money in every currency: Stripe gets the amount in the currency's minor units (JPY has none,
// BHD thousandths ending in 0), the journal entry is booked in the payout's currency for the same
// amount, and only a caller with the webhook's header can start a payout at all.
import { exampleWorkflow, payoutRequest, traceOf } from '../lib/example.mjs';

export const name = 'example: amounts per currency (JPY, EUR, BHD) to Stripe and Odoo; the webhook refuses callers without its header';

const CURRENCIES = [
	{ currency: 'JPY', amount: 5000, minor: 5000, odooCurrency: [25, 'JPY'], booked: 5000, answered: '5000' },
	{ currency: 'EUR', amount: 125.5, minor: 12550, odooCurrency: [125, 'EUR'], booked: 125.5, answered: '125.50' },
	{ currency: 'BHD', amount: '1.23', minor: 1230, odooCurrency: [54, 'BHD'], booked: 1.23, answered: '1.230' },
];

export async function run(ctx) {
	const { assert } = ctx;
	const path = await exampleWorkflow(ctx);

	for (const c of CURRENCIES) {
		const request = payoutRequest({ currency: c.currency, amount: c.amount });
		const response = await ctx.callWebhook(path, request);

		assert.equal(response.status, 200, `${c.currency}: ${JSON.stringify(response.body)}`);
		assert.deepEqual([response.body.status, response.body.amount, response.body.currency], ['paid', c.answered, c.currency]);
		const trace = await traceOf(ctx, request.reference);
		assert.deepEqual(trace.transfers.map((t) => [t.amount, t.currency]), [[c.minor, c.currency.toLowerCase()]], `${c.currency}: transfer`);
		assert.equal(trace.moves.length, 1, `${c.currency}: one journal entry`);
		const [move] = trace.moves;
		assert.equal(move.state, 'posted');
		assert.equal(move.currency_id, c.odooCurrency[0], `${c.currency}: entry currency`);
		assert.deepEqual(
			move.line_ids.map((l) => [l.currency_id, l.amount_currency]),
			[[c.odooCurrency[0], c.booked], [c.odooCurrency[0], -c.booked]],
			`${c.currency}: booked in the payout's currency for the transferred amount`,
		);
		assert.equal(trace.posts.length, 1);
		assert.ok(trace.posts[0].body_html.includes(`with amount ${c.answered} ${c.currency}`), trace.posts[0].body_html);
	}

	// No date: booked today, and the answer says so.
	const undated = payoutRequest({ date: undefined });
	const today = await ctx.callWebhook(path, undated);
	assert.equal(today.body.status, 'paid', JSON.stringify(today.body));
	assert.match(today.body.note, /^no date was given: booked on \d{4}-\d{2}-\d{2} \(today\)$/);
	assert.equal((await traceOf(ctx, undated.reference)).moves[0].date, today.body.date);

	// Without the header, or with a wrong one, n8n refuses the call and nothing runs.
	const before = (await ctx.sandboxRequests()).length;
	for (const headers of [{}, { 'X-Payout-Token': 'guessed-token' }]) {
		const refused = await ctx.callWebhook(path, payoutRequest(), { headers });
		assert.ok([401, 403].includes(refused.status), `${JSON.stringify(headers)}: HTTP ${refused.status} ${JSON.stringify(refused.body)}`);
	}
	assert.equal((await ctx.sandboxRequests()).length, before, 'a refused call reached an API');
}
