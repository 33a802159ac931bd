// An instance without the package. A webhook processor without it cannot load the workflow; a
// worker without it still reports ready and fails every execution ("Unrecognized node type").
// Either way the caller gets a 5xx that names no stack (NODE_ENV=production, as in n8n's Docker
// image) and not one request reaches Odoo, Stripe, Harasocial or Onebox.
import { exampleWorkflow, payoutRequest, traceOf } from '../lib/example.mjs';
import { eventually, lastSeq, requestsSince } from '../lib/queue.mjs';

export const name = 'queue: a webhook processor or a worker without the package -> a 5xx without a stack, nothing sent';

function assertLoud(assert, answer, label) {
	const text = JSON.stringify(answer.body);
	assert.ok(answer.status >= 500 && answer.status <= 599, `${label}: ${answer.status} ${text}`);
	assert.doesNotMatch(text, /\n\s+at |stacktrace|\.js:\d+/i, `${label}: no stack in the answer: ${text}`);
}

export async function run(ctx) {
	const { assert } = ctx;
	const path = await exampleWorkflow(ctx);

	// A second webhook processor, started without the package.
	const bareWebhook = await ctx.stack.startInstance('webhook-bare');
	let since = await lastSeq(ctx);
	const viaBare = payoutRequest();
	const a = await ctx.callWebhook(path, viaBare, { url: bareWebhook.url });
	console.log(`   webhook processor without the package: ${a.status} ${JSON.stringify(a.body)}`);
	assertLoud(assert, a, 'webhook processor without the package');
	assert.deepEqual(await requestsSince(ctx, since), [], 'nothing sent');
	await bareWebhook.stop();

	// Only a worker without the package takes jobs.
	const packaged = ctx.stack.workers.filter((w) => w.role !== 'worker-bare');
	await Promise.all(packaged.map((w) => w.stop()));
	const bareWorker = await ctx.stack.startInstance('worker-bare');
	try {
		since = await lastSeq(ctx);
		const marks = ctx.logMarks();
		const viaBareWorker = payoutRequest();
		const b = await ctx.callWebhook(path, viaBareWorker);
		console.log(`   worker without the package: ${b.status} ${JSON.stringify(b.body)}`);
		assertLoud(assert, b, 'worker without the package');
		assert.deepEqual(await requestsSince(ctx, since), [], 'nothing sent');
		const t = await traceOf(ctx, viaBareWorker.reference);
		assert.equal(t.transfers.length + t.moves.length + t.posts.length, 0);
		assert.equal(ctx.startedSince(marks)['worker-bare'].length, 1, 'the bare worker took the job');
		const failed = await eventually(async () => (await ctx.executions(undefined, { limit: 5 })).find((e) => e.status === 'error' || e.status === 'crashed'));
		assert.ok(failed, 'the execution is listed as failed');
		const details = await ctx.rest.get(`/executions/${failed.id}`);
		assert.match(JSON.stringify(details.data), /Unrecognized node type|is not known/i, 'the execution names the missing node type');
	} finally {
		await bareWorker.stop();
		for (const w of packaged) await ctx.stack.startInstance(w.role);
	}
}
