// A worker SIGKILLed while payouts run on it (their Stripe transfers under way: Stripe completes
// them, the journal entries stay drafts). n8n fails the lost jobs once their lock expires (it never re-runs a
// stalled job), so nothing happens twice; every caller gets an answer; the killed executions are
// listed as failed. Then the same request for every reference completes what the crash left —
// posts the draft entry, sends the chatter message — and pays nobody twice.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { pointAtSandbox } from '../../../scripts/lib/sandbox-setup.mjs';
import { isPositive, payoutRequest, traceOf } from '../lib/example.mjs';
import { eventually, lastSeq, requestsSince } from '../lib/queue.mjs';

export const name = 'queue: a worker SIGKILLed with payouts in flight -> nothing twice, every call answered, its executions failed, a replay completes each payout once';

const EXAMPLE = new URL('../../../examples/royalties-payout.workflow.json', import.meta.url);
const COUNT = 16;
const STALE_MINUTES = 0.1; // a run that died without a note counts as stopped after 6 s instead of 15 minutes

/** The example under its own path, with staleAfterMinutes lowered in its Payout Settings. */
function exampleCopy(sandboxUrl, path) {
	const workflow = pointAtSandbox(JSON.parse(readFileSync(EXAMPLE, 'utf8')), sandboxUrl);
	const nodes = workflow.nodes.map((node) => {
		if (node.type === 'n8n-nodes-base.webhook') return { ...node, parameters: { ...node.parameters, path }, webhookId: randomUUID() };
		if (node.name !== 'Payout Settings') return node;
		const assignments = node.parameters.assignments.assignments.map((a) => (a.name === 'staleAfterMinutes' ? { ...a, value: STALE_MINUTES } : a));
		return { ...node, parameters: { ...node.parameters, assignments: { assignments } } };
	});
	return { ...workflow, name: `${workflow.name} (worker killed)`, nodes };
}

export async function run(ctx) {
	const { assert } = ctx;
	const path = `royalties-payout-killed-${Date.now().toString(36)}`;
	const workflowId = await ctx.importWorkflow(exampleCopy(ctx.sandboxUrl, path));
	await ctx.activate(workflowId);
	const victim = ctx.stack.workers[1];
	// A transfer takes 4 s: the kill lands while Stripe moves the money, after the draft entry.
	await ctx.sandboxPost('/faults', { rules: [{ service: 'stripe', method: 'POST', pathIncludes: '/v1/transfers', delayMs: 4000 }] });
	const since = await lastSeq(ctx);
	const marks = ctx.logMarks();
	const requests = Array.from({ length: COUNT }, () => payoutRequest());
	const t0 = Date.now();
	const calls = requests.map((body) =>
		ctx.callWebhook(path, body, { waitMs: 0 }).then(
			(a) => ({ status: a.status, body: a.body, after: Date.now() - t0 }),
			(e) => ({ status: 0, error: e.message, after: Date.now() - t0 }),
		),
	);

	const inFlight = await eventually(async () => {
		const paying = (await requestsSince(ctx, since, 'stripe')).filter((r) => r.method === 'POST' && r.path.includes('/v1/transfers')).length;
		return ctx.startedSince(marks)[victim.role].length > 0 && paying >= 6 ? paying : 0;
	});
	assert.ok(inFlight, 'payouts reached the transfer on both workers');
	await victim.kill();
	const afterKill = ctx.startedSince(marks);
	const finishedOnVictim = new Set([...readFileSync(victim.logFile, 'utf8').slice(marks[victim.role]).matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]));
	const killed = afterKill[victim.role].filter((id) => !finishedOnVictim.has(id));
	assert.ok(killed.length > 0, 'the killed worker had executions in flight');

	const answers = await Promise.all(calls);
	await ctx.sandboxPost('/faults', { rules: [] });
	const summary = answers.map((a, i) => ({ ref: requests[i].reference, status: a.status, answer: a.body?.status ?? a.body?.message ?? a.error, after: a.after }));
	console.log(`   killed ${victim.role} with ${killed.length} executions in flight; answers: ${JSON.stringify(summary.map(({ status, answer, after }) => [status, answer, after]))}`);
	assert.ok(answers.every((a) => a.status > 0), `every call answered: ${JSON.stringify(summary.filter((s) => !s.status))}`);
	assert.ok(answers.every((a) => (a.status === 200 && a.body.status === 'paid') || a.status >= 500), `paid or a server error: ${JSON.stringify(summary)}`);
	assert.ok(answers.filter((a) => a.status >= 500).length >= killed.length, `a server error for each killed execution: ${JSON.stringify(summary)}`);

	// Nothing twice, before any replay.
	for (const r of requests) {
		const t = await traceOf(ctx, r.reference);
		assert.ok(t.transfers.length <= 1 && t.moves.length <= 1 && t.posts.length <= 1 && t.messenger.length <= 1 && t.onebox.length <= 1, `${r.reference} after the crash: ${JSON.stringify({ transfers: t.transfers.length, moves: t.moves.length, posts: t.posts.length })}`);
	}
	const byStatus = async () => {
		const list = await ctx.executions(workflowId, { limit: 100 });
		return Object.fromEntries(killed.map((id) => [id, list.find((e) => String(e.id) === id)?.status]));
	};
	const statuses = await eventually(async () => {
		const s = await byStatus();
		return Object.values(s).every((v) => v === 'error' || v === 'crashed') ? s : null;
	});
	assert.ok(statuses, `the killed executions end as errors: ${JSON.stringify(await byStatus())}`);

	// The same request again, for every reference, once the dead runs count as stopped.
	await new Promise((resolve) => setTimeout(resolve, STALE_MINUTES * 60_000 + 1000));
	const replays = [];
	for (const r of requests) replays.push(await ctx.callWebhook(path, r));
	const completed = replays.filter((a) => a.body?.status === 'paid').map((a) => a.body.completed);
	console.log(`   replays: ${JSON.stringify(replays.map((a) => a.body?.status))}; completed by them: ${JSON.stringify(completed)}`);
	for (const [i, r] of requests.entries()) {
		assert.ok(['paid', 'already-processed'].includes(replays[i].body?.status), `${r.reference} replay: ${replays[i].status} ${JSON.stringify(replays[i].body)}`);
		const t = await traceOf(ctx, r.reference);
		assert.equal(t.transfers.length, 1, `${r.reference}: paid once`);
		assert.deepEqual(t.moves.map((m) => m.state), ['posted'], `${r.reference}: one entry, posted`);
		assert.equal(t.posts.filter(isPositive).length, 1, `${r.reference}: one positive chatter post`);
		assert.ok(t.messenger.length <= 1 && t.onebox.length <= 1, `${r.reference}: no message twice`);
	}
	assert.ok(completed.length >= killed.length, `a replay completed each killed payout: ${JSON.stringify(completed)}`);
	assert.ok(completed.some((c) => c.includes('posted the journal entry a stopped run left') && c.includes('notification')), 'a replay posted an entry the crash left as a draft, and notified');
	// The stack as it was, for the cases after this one.
	await ctx.stack.startInstance(victim.role);
}
