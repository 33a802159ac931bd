// Phase 1 of the benchmark: items per second through (a) Odoo Message Post, (b) n8n's HTTP Request
// node and (c) a plain Node loop, with the sandbox answering at once and with every answer taking
// LATENCY_MS; the peak RSS of n8n and the requests in flight the sandbox saw.
import { performance } from 'node:perf_hooks';

import { readExecution } from '../lib/n8n-driver.mjs';
import { payoutItems, postsByReference } from '../lib/payout-runs.mjs';
import { postJson, sampleRss } from './measure.mjs';
import { plainLoop } from './plain-loop.mjs';
import { fixed, mb, seconds } from './format.mjs';

export const CONCURRENCY = 4; // Odoo Message Post's default "Requests In Flight"
export const LATENCY_MS = 20;
const NODE_NAMES = { a: 'Odoo Message Post', b: 'HTTP Request', n: 'No Operation' };

/**
 * One measured run. (a) and (b) are timed by n8n itself (the node's execution time in the saved
 * run data), (c) around its loop; wall time is around the whole webhook call.
 */
export async function throughputRun({ variant, count, latencyMs, env, tag }) {
	const { sandbox, n8n, api, flatted, profile } = env;
	const paths = latencyMs ? env.latencyPaths : env.paths;
	await sandbox.reset();
	if (latencyMs) await sandbox.faults([{ service: 'odoo', pathIncludes: 'message_post', delayMs: latencyMs }]);
	const items = payoutItems(count, tag, { html: true });
	const payload = variant.startsWith('c') ? null : JSON.stringify({ items });
	await sandbox.windowStart();
	const memory = variant.startsWith('c') ? null : sampleRss(n8n.pid, 100);
	const profiling = profile && !variant.startsWith('c');
	if (profiling) process.kill(n8n.pid, 'SIGUSR2');
	const t0 = performance.now();
	let executionId;
	if (variant.startsWith('c')) {
		const ids = await plainLoop(sandbox.url, items, CONCURRENCY, { keepAlive: variant === 'c' });
		if (ids.length !== count) throw new Error(`(${variant}) posted ${ids.length} of ${count}`);
	} else {
		const { status, body } = await postJson(`${n8n.url}/webhook/${paths[variant]}`, payload);
		if (status !== 200 || body?.count !== count) throw new Error(`(${variant}) ${count}: webhook answered ${status} ${JSON.stringify(body)?.slice(0, 300)}`);
		executionId = body.executionId;
	}
	const wallMs = performance.now() - t0;
	if (profiling) process.kill(n8n.pid, 'SIGUSR2');
	const mem = memory?.stop();
	const window = await sandbox.windowStop();
	let nodeMs = wallMs;
	if (executionId) {
		const { runData, status } = await readExecution(api, executionId, flatted);
		if (status !== 'success') throw new Error(`(${variant}) execution ${executionId} ended ${status}`);
		nodeMs = runData[NODE_NAMES[variant]][0].executionTime;
	}
	if (variant !== 'n') {
		// Every item posted exactly once.
		const posts = postsByReference(await sandbox.state(), tag);
		let once = 0;
		for (let i = 0; i < count; i++) if (posts.get(i) === 1) once++;
		if (once !== count || posts.size !== count) throw new Error(`(${variant}) ${count}: ${once} of ${count} references posted exactly once`);
	}
	return {
		variant,
		count,
		latencyMs,
		nodeMs,
		wallMs,
		itemsPerSecond: (count / nodeMs) * 1000,
		maxInFlight: window.maxInFlight,
		avgInFlight: window.avgInFlight,
		requests: window.requests,
		rssBaselineMb: mem ? mb(mem.baseline) : null,
		rssPeakMb: mem ? mb(mem.peak) : null,
		rssGrowthMb: mem ? mb(mem.peak - mem.baseline) : null,
	};
}

/**
 * Measures each variant `repeat` times (sizes up to 1,000; larger ones once), interleaved so that
 * a burst of load on the machine hits every variant alike, and keeps each one's fastest run.
 */
async function measureSize({ variants, count, latencyMs, env, repeat }) {
	const runs = Object.fromEntries(variants.map((v) => [v, []]));
	const times = count <= 1000 ? repeat : 1;
	for (let i = 0; i < times; i++) {
		for (const variant of variants) runs[variant].push(await throughputRun({ variant, count, latencyMs, env, tag: `T${latencyMs}x${count}${variant}${i}` }));
	}
	return variants.map((variant) => {
		const all = runs[variant];
		const best = all.reduce((x, y) => (y.nodeMs < x.nodeMs ? y : x));
		const peaks = all.map((r) => r.rssPeakMb).filter((x) => x !== null);
		return { ...best, runsMs: all.map((r) => Math.round(r.nodeMs)), rssPeakMb: peaks.length ? Math.max(...peaks) : null };
	});
}

/** (a), (b) and (c) must make the same call: the sandbox compares the bodies they sent. */
async function checkSameCalls({ sandbox, stack, paths }) {
	await sandbox.reset();
	const items = payoutItems(1, 'SAME', { html: true });
	await stack.callWebhook(paths.a, { items });
	await stack.callWebhook(paths.b, { items });
	await plainLoop(sandbox.url, items, 1);
	const requests = (await sandbox.requests('odoo')).requests.filter((r) => r.path.endsWith('/message_post'));
	const bodies = new Set(requests.map((r) => JSON.stringify(r.body)));
	if (requests.length !== 3 || bodies.size !== 1) {
		throw new Error(`(a), (b) and (c) did not send the same message_post body:\n${requests.map((r) => JSON.stringify(r.body)).join('\n')}`);
	}
	const headers = requests.map((r) => Object.fromEntries(Object.entries(r.headers).filter(([h]) => !['host', 'content-length'].includes(h))));
	return { body: requests[0].body, headers: { a: headers[0], b: headers[1], c: headers[2] } };
}

/**
 * Sizes up to 1,000 at once, then 1,000 with LATENCY_MS answers, then the larger sizes (the order
 * keeps the slow runs last). Fills results.sameCalls, results.throughput and results.latency.
 */
export async function throughputPhase({ opts, env, results, log }) {
	const variants = ['c', 'c0', 'a', 'b'].filter((v) => opts.variants.includes(v));
	const report = (r) =>
		log(
			`${r.latencyMs ? `${r.latencyMs} ms latency, ` : ''}(${r.variant}) ${r.count}: ${fixed(r.itemsPerSecond, 0)} items/s (best ${seconds(r.nodeMs)}; runs ${r.runsMs.join(', ')} ms), in flight ${r.maxInFlight} at most, ${fixed(r.avgInFlight, 1)} on average${r.rssPeakMb ? `, n8n RSS ${r.rssBaselineMb} -> ${r.rssPeakMb} MB` : ''}`,
		);
	const small = opts.sizes.filter((n) => n <= 1000);
	const large = opts.sizes.filter((n) => n > 1000);
	results.sameCalls = await checkSameCalls(env);
	log('(a), (b) and (c) send the same message_post body');
	// JIT, database, connections
	for (const variant of variants) await throughputRun({ variant, count: 500, latencyMs: 0, env, tag: `WARM${variant}` });
	if (opts.only.includes('throughput')) {
		results.throughput = [];
		for (const count of small) {
			for (const r of await measureSize({ variants, count, latencyMs: 0, env, repeat: opts.repeat })) results.throughput.push(r), report(r);
		}
	}
	if (opts.only.includes('latency')) {
		results.latency = [];
		const repeat = Math.min(opts.repeat, opts.latencyRepeat);
		for (const r of await measureSize({ variants, count: 1000, latencyMs: LATENCY_MS, env, repeat })) results.latency.push(r), report(r);
	}
	if (opts.only.includes('throughput')) {
		for (const count of large) {
			for (const r of await measureSize({ variants, count, latencyMs: 0, env, repeat: 1 })) results.throughput.push(r), report(r);
		}
	}
}
