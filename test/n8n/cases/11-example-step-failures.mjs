// Steps 3-7 of the example made to fail in turn: each request ends with exactly one negative
// chatter post, no positive one, and no transfer or journal entry booked twice.
import { exampleWorkflow, failStep, isNegative, isPositive, payoutRequest, traceOf } from '../lib/example.mjs';

export const name = 'example: each failing step 3-7 gives exactly one negative post and no double booking';

const STEPS = [
	{ step: 'transfer', transfers: 0, moves: 0 },
	{ step: 'payout', transfers: 1, moves: 0, request: { manual_payout: true } },
	{ step: 'guard', transfers: 1, moves: 0 },
	{ step: 'create', transfers: 1, moves: 0 },
	{ step: 'post', transfers: 1, moves: 1 },
];

export async function run(ctx) {
	const { assert } = ctx;
	const path = await exampleWorkflow(ctx);
	try {
		for (const { step, transfers, moves, request: extra } of STEPS) {
			await failStep(ctx, step);
			const request = payoutRequest(extra);
			const response = await ctx.callWebhook(path, request);

			assert.equal(response.status, 202, `${step}: ${JSON.stringify(response.body)}`);
			assert.equal(response.body.status, 'under-review', step);
			const trace = await traceOf(ctx, request.reference);
			assert.equal(trace.posts.length, 1, `${step}: exactly one chatter post, got ${trace.posts.length}`);
			assert.ok(isNegative(trace.posts[0]) && !isPositive(trace.posts[0]), `${step}: ${trace.posts[0].body_html}`);
			assert.equal(trace.transfers.length, transfers, `${step}: transfers`);
			assert.equal(trace.moves.length, moves, `${step}: journal entries`);
			assert.ok(trace.moves.every((m) => m.state !== 'posted'), `${step}: nothing posted`);
		}
	} finally {
		await failStep(ctx, null);
	}
}
