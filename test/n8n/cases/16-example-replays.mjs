// Exactly one payout per reference, for good: identical requests at once, a replay after Stripe forgot
// its idempotency key, and replays that complete what an interrupted payout left (a draft entry, a
// notification that failed) without repeating anything else.
import { exampleWorkflow, failStep, isNegative, isPositive, payoutRequest, traceOf } from '../lib/example.mjs';

export const name = 'example: identical requests at once, replays after a stopped run, a declined transfer or a forgotten idempotency key: one transfer, one entry, one positive post';

async function sandbox(ctx, path, body) {
	const res = await fetch(`${ctx.sandboxUrl}/_sandbox${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
	if (!res.ok) throw new Error(`sandbox ${path} -> ${res.status}`);
}

export async function run(ctx) {
	const { assert } = ctx;
	const path = await exampleWorkflow(ctx);
	const once = (trace, label) => {
		assert.equal(trace.transfers.length, 1, `${label}: one transfer`);
		assert.deepEqual(trace.moves.map((m) => m.state), ['posted'], `${label}: one journal entry, posted`);
		assert.equal(trace.posts.filter(isPositive).length, 1, `${label}: one positive post`);
	};

	// 10 identical requests at the same moment.
	const same = payoutRequest();
	const answers = await Promise.all(Array.from({ length: 10 }, () => ctx.callWebhook(path, same, { waitMs: 0 })));
	const statuses = answers.map((a) => a.body?.status).sort();
	assert.ok(statuses.includes('paid'), JSON.stringify(statuses));
	assert.ok(statuses.every((s) => ['paid', 'in-progress', 'already-processed'].includes(s)), JSON.stringify(answers.map((a) => [a.status, a.body])));
	assert.equal(statuses.filter((s) => s === 'paid').length, 1, JSON.stringify(statuses));
	const concurrent = await traceOf(ctx, same.reference);
	once(concurrent, 'identical requests');
	assert.equal(concurrent.posts.length, 1, 'no other post');
	assert.equal(concurrent.messenger.length, 1, 'one Messenger message');

	// Posting fails once; the same request again posts that entry and pays nobody twice, even though
	// Stripe has forgotten the idempotency key by then.
	const stopped = payoutRequest();
	await failStep(ctx, 'post');
	const first = await ctx.callWebhook(path, stopped);
	await failStep(ctx, null);
	assert.equal(first.body.status, 'under-review', JSON.stringify(first.body));
	await sandbox(ctx, '/stripe/forget-idempotency');
	const replay = await ctx.callWebhook(path, stopped);
	assert.equal(replay.body.status, 'paid', JSON.stringify(replay.body));
	assert.deepEqual(replay.body.completed, ['posted the journal entry a stopped run left', 'notification'], JSON.stringify(replay.body));
	const afterStop = await traceOf(ctx, stopped.reference);
	once(afterStop, 'after a stopped run');
	assert.equal(afterStop.posts.filter(isNegative).length, 1, 'the earlier "we are reviewing" post');
	assert.equal((await ctx.callWebhook(path, stopped)).body.status, 'already-processed');

	// Stripe declines the transfer twice (and keeps each decline under its idempotency key): the
	// rights holder hears "we are reviewing" once, and the same request later really pays, once.
	const declined = payoutRequest();
	await failStep(ctx, 'transfer');
	const d1 = await ctx.callWebhook(path, declined);
	const d2 = await ctx.callWebhook(path, declined);
	await failStep(ctx, null);
	const d3 = await ctx.callWebhook(path, declined);
	assert.deepEqual([d1.body.status, d2.body.status, d3.body.status], ['under-review', 'under-review', 'paid'], JSON.stringify([d1.body, d2.body, d3.body]));
	assert.equal(d2.body.notifications.chatter, 'not sent again: an earlier run sent "we are reviewing"');
	const afterDecline = await traceOf(ctx, declined.reference);
	once(afterDecline, 'after declined transfers');
	assert.equal(afterDecline.posts.filter(isNegative).length, 1, 'one "we are reviewing" post');

	// The chatter notification fails once: the answer is still "paid" and names the failure, the
	// execution is listed as failed with the reason, and the same request sends only the notification.
	const unnotified = payoutRequest();
	await sandbox(ctx, '/faults', { rules: [{ service: 'odoo', pathIncludes: 'res.partner/message_post', status: 500, times: 1 }] });
	const paid = await ctx.callWebhook(path, unnotified);
	await sandbox(ctx, '/faults', { rules: [] });
	assert.equal(paid.status, 200, JSON.stringify(paid.body));
	assert.equal(paid.body.status, 'paid');
	assert.match(paid.body.notifications.chatter, /^failed: Odoo failed with a server error/);
	assert.deepEqual(paid.body.completed, ['transfer', 'journal entry']);
	// n8n saves the execution after the answer went out: wait for it to be listed.
	let failedRun;
	for (let i = 0; i < 40 && !failedRun; i++) {
		failedRun = (await ctx.executions()).find((e) => e.status === 'error');
		if (!failedRun) await new Promise((resolve) => setTimeout(resolve, 250));
	}
	assert.ok(failedRun, 'the run with the failed notification is listed as failed');
	const details = await ctx.rest.get(`/executions/${failedRun.id}`);
	assert.match(JSON.stringify(details.data), new RegExp(`Payout ${unnotified.reference} \\(paid\\): notification failed: chatter`), 'the reason is in the execution');
	const again = await ctx.callWebhook(path, unnotified);
	assert.equal(again.body.status, 'paid', JSON.stringify(again.body));
	assert.deepEqual(again.body.completed, ['notification'], JSON.stringify(again.body));
	const afterFailure = await traceOf(ctx, unnotified.reference);
	once(afterFailure, 'after a failed notification');
	assert.equal(afterFailure.posts.length, 1, 'exactly one chatter post');
}
