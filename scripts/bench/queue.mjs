// Phase 5 of the benchmark (--only queue): the example's payouts/s in queue mode with 1 worker and
// with 2 at the same load, and Odoo Message Post's items/s on a worker, next to the single-process
// figures of the same bench run. A queue-mode stack (scripts/lib/stack.mjs: main, 2 workers, a
// webhook processor, PostgreSQL, Redis) against the bench's sandbox; payouts go to the webhook
// processor.
import { startStack } from '../lib/stack.mjs';
import { odooNodeWorkflow } from '../lib/payout-workflows.mjs';
import { exampleFor } from '../lib/sandbox-setup.mjs';
import { loadRun } from './load.mjs';
import { throughputRun } from './throughput.mjs';

/**
 * Resolves to { load, workers: [{ workers, ...loadRun result, payoutsPerSecond }], singleProcess,
 * odooNode: { itemsPerSecond, ... }, concurrency }. `single` is the bench's single n8n (or null).
 */
export async function queuePhase({ runtime, tarball, sandbox, flatted, load, concurrency, items, single, log, beforeStack = async () => {} }) {
	const out = { load, concurrency, workers: [] };
	const { path } = exampleFor(sandbox.url);
	const perSecond = (r) => ({ ...r, payoutsPerSecond: (r.paid / r.wallMs) * 1000 });

	if (single) {
		// The same load on the single process, for the table.
		await sandbox.reset();
		await loadRun({ count: 5, n8nUrl: single.url, sandbox, path });
		out.singleProcess = perSecond(await loadRun({ count: load, n8nUrl: single.url, sandbox, path }));
		log(`queue phase: single process, ${load} payouts: ${out.singleProcess.paid} paid in ${(out.singleProcess.wallMs / 1000).toFixed(1)} s`);
	}

	await beforeStack();
	const stack = await startStack({
		runtime,
		tarball,
		name: 'bench-queue',
		queue: { concurrency, tuning: { N8N_LOG_LEVEL: 'warn' } },
		sandbox,
		example: { activate: true },
		workflows: [{ json: odooNodeWorkflow({ path: 'bench-odoo-node' }), activate: true }],
		log: (m) => log(`queue: ${m}`),
	});
	try {
		await stack.callWebhook(path, {}); // waits until the webhook answers

		const [first, second] = stack.queue.workers;
		await second.stop();
		const onOneWorker = { sandbox, api: stack.api, flatted, n8n: { url: stack.webhookUrl, pid: first.pid }, paths: { a: 'bench-odoo-node' } };
		const runs = [];
		for (let i = 0; i < 2; i++) runs.push(await throughputRun({ variant: 'a', count: items, latencyMs: 0, env: onOneWorker, tag: `Q${items}x${i}` }));
		out.odooNode = runs.reduce((x, y) => (y.nodeMs < x.nodeMs ? y : x));
		out.odooNode.runsMs = runs.map((r) => Math.round(r.nodeMs));
		log(`queue phase: Odoo Message Post on a worker, ${items} items: ${out.odooNode.itemsPerSecond.toFixed(0)} items/s (runs ${out.odooNode.runsMs.join(', ')} ms)`);

		for (const workers of [1, 2]) {
			if (workers === 2) await stack.queue.startInstance(second.role);
			await sandbox.reset();
			await loadRun({ count: 5, n8nUrl: stack.webhookUrl, sandbox, path });
			const r = perSecond(await loadRun({ count: load, n8nUrl: stack.webhookUrl, sandbox, path }));
			out.workers.push({ workers, ...r });
			log(`queue phase: ${workers} worker(s), ${load} payouts: ${r.paid} paid, ${JSON.stringify(r.statuses)}, ${(r.wallMs / 1000).toFixed(1)} s, ${r.payoutsPerSecond.toFixed(2)} payouts/s`);
		}
	} finally {
		await stack.stop();
	}
	return out;
}

/** The markdown table: single process next to 1 and 2 workers. */
export function queueTable(q, { singleOdooItemsPerSecond } = {}) {
	const f = (x, d = 1) => (x === undefined || x === null ? '–' : x.toFixed(d));
	const rows = [
		q.singleProcess && ['single process (n8n start)', q.singleProcess],
		...q.workers.map((w) => [`queue mode, ${w.workers} worker${w.workers > 1 ? 's' : ''} (concurrency ${q.concurrency} each)`, w]),
	].filter(Boolean);
	return [
		`| ${q.load} payouts at once | paid | payouts/s | time | Odoo Message Post, ${q.odooNode?.count ?? ''} items |`,
		'|---|---:|---:|---:|---:|',
		...rows.map(([label, r], i) => {
			const odoo = i === 0 && q.singleProcess ? singleOdooItemsPerSecond : label.includes('1 worker') ? q.odooNode?.itemsPerSecond : undefined;
			return `| ${label} | ${r.paid}/${r.requests} | ${f(r.payoutsPerSecond, 2)} | ${f(r.wallMs / 1000)} s | ${odoo ? `${f(odoo, 0)} items/s` : '–'} |`;
		}),
	].join('\n');
}
