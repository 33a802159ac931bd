// Each step of the example made to fail in turn. Before money moves (the Odoo lookups, the claim)
// the caller gets 503 "nothing was paid" and nothing is sent; after (transfer, payout, posting) the
// rights holder gets exactly one "we are reviewing" post, the caller 202, and the draft entry keeps
// a "stopped" note so that the same request completes the payout later.
import { exampleWorkflow, failStep, isNegative, isPositive, payoutRequest, traceOf } from '../lib/example.mjs';

export const name = 'example: a failing step before the money answers 503 and sends nothing; after it, one negative post and a draft noted "stopped"';

const STEPS = [
	{ step: 'guard', status: 503, transfers: 0, drafts: 0, posts: 0 },
	{ step: 'create', status: 503, transfers: 0, drafts: 0, posts: 0 },
	{ step: 'transfer', status: 202, transfers: 0, drafts: 1, posts: 1 },
	{ step: 'payout', status: 202, transfers: 1, drafts: 1, posts: 1, request: { manual_payout: true } },
	{ step: 'post', status: 202, transfers: 1, drafts: 1, posts: 1 },
];

export async function run(ctx) {
	const { assert } = ctx;
	const path = await exampleWorkflow(ctx);
	try {
		for (const { step, status, transfers, drafts, posts, request: extra } of STEPS) {
			await failStep(ctx, step);
			const request = payoutRequest(extra);
			const response = await ctx.callWebhook(path, request);

			assert.equal(response.status, status, `${step}: ${JSON.stringify(response.body)}`);
			const trace = await traceOf(ctx, request.reference);
			assert.equal(trace.transfers.length, transfers, `${step}: transfers`);
			assert.equal(trace.moves.length, drafts, `${step}: journal entries`);
			assert.ok(trace.moves.every((m) => m.state === 'draft'), `${step}: nothing posted`);
			assert.equal(trace.posts.length, posts, `${step}: chatter posts on the partner`);
			if (status === 503) {
				assert.deepEqual([response.body.status, response.body.moneyMoved], ['failed', false], step);
				continue;
			}
			assert.equal(response.body.status, 'under-review', step);
			assert.ok(isNegative(trace.posts[0]) && !isPositive(trace.posts[0]), `${step}: ${trace.posts[0].body_html}`);
			assert.equal(trace.posts[0].subject, `Royalties payout ${request.reference} (under review)`);
			assert.equal(trace.stops.length, 1, `${step}: one "stopped" note on the draft`);
			assert.equal(trace.stops[0].res_id, trace.moves[0].id);
			assert.match(response.body.reason, new RegExp(`^${step === 'post' ? 'posting the journal entry' : step} failed: `), step);
		}
	} finally {
		await failStep(ctx, null);
	}
}
