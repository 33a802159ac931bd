// `npm run bench`: throughput, memory and fault tolerance of Odoo Message Post on a real n8n
// (2.8.4 on this machine's Node 20) against the API sandbox on 127.0.0.1 (in its own process).
// Not a test: it prints figures and writes bench-results/results.json and bench-results/summary.md.
//
//   1. Throughput: 1,000 and 10,000 chatter posts each through
//        (a) Odoo Message Post with its defaults (4 requests in flight),
//        (b) n8n's HTTP Request node making the same calls (batching: 4 items per 1 ms; with
//            20 ms answers 4 items per 20 ms, which keeps it at about 4 requests in flight),
//        (c) a plain Node http loop with keep-alive, 4 requests in flight (c0: without keep-alive,
//            a connection per request as n8n's request helper does),
//      with the sandbox answering at once (what the node itself costs), then 1,000 with every
//      answer taking 20 ms (an API's latency). Items per second from the node's execution time
//      in n8n's run data, a/b and a/c, the peak RSS of the n8n process (sampled every 100 ms, plus
//      the kernel's high-water mark), the requests in flight the sandbox saw.
//   2. Memory: the heap n8n holds after full garbage collections, per workflow in a fresh n8n,
//      against the same workflow with a No Operation node instead (n8n's own cost for the items).
//   3. Faults: 1,000 notifications while the sandbox answers 10% 503/429 (Retry-After: 1),
//      drops 2% of the connections (half before Odoo posts, half after) and slows 10% of the
//      answers by 300 ms; once with the defaults and once with "Retry When Outcome Unknown".
//   4. Load: 200 payout requests sent at once to the example workflow's webhook.
//   5. Queue mode (bench/queue-phase.mjs; needs PostgreSQL and Redis): the example's payouts/s with
//      1 worker and with 2 at the same load (--queue-load, 100) next to the single process, and
//      Odoo Message Post's items/s on a worker (--queue-items, 1000).
//
// Options: --sizes 1000,10000  --only throughput,latency,memory,faults,load,queue  --variants a,b,c,c0
//          --memory-variants n,a (add b for the HTTP Request node: slow, see below)
//          --repeat N (runs of 1,000 items or fewer; the best counts)  --runtime 2.8.4  --keep
//          --profile DIR (a V8 CPU profile of n8n per measured (a)/(b) run, see bench/profile-hook.cjs)
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { faultOutcome, flattedOf, latestExecutionId, loadOutcome, payoutItems, postJson, postsByReference, readExecution, sampleRss } from './bench/lib.mjs';
import { plainLoop } from './bench/plain-loop.mjs';
import { queuePhase, queueTable } from './bench/queue-phase.mjs';
import { FAULT_RULES, FAULT_SCENARIO, faultWorkflow, httpRequestWorkflow, noOpWorkflow, odooNodeWorkflow } from './bench/workflows.mjs';
import {
	activateWorkflow,
	callWebhook,
	freePort,
	installPackage,
	packPackage,
	pointAtSandbox,
	rest,
	ROOT,
	sandboxCredentials,
	saveWorkflow,
	setupOwner,
	startN8n,
	upsertCredentials,
	WEBHOOK_AUTH,
	wireCredentials,
} from './n8n.mjs';
import { ensureRuntime } from './runtime.mjs';

const CONCURRENCY = 4; // Odoo Message Post's default "Requests In Flight"
const LATENCY_MS = 20;
const NAMES = {
	a: '(a) Odoo Message Post',
	b: '(b) HTTP Request node',
	c: '(c) plain Node loop',
	c0: '(c0) plain loop, no keep-alive',
	n: '(n) No Operation instead (n8n alone)',
};
const NODE_NAMES = { a: 'Odoo Message Post', b: 'HTTP Request', n: 'No Operation' };

function parseArgs(argv) {
	const out = {
		sizes: [1000, 10000],
		only: ['throughput', 'latency', 'memory', 'faults', 'load', 'queue'],
		queueLoad: 100,
		queueItems: 1000,
		variants: ['a', 'b', 'c', 'c0'],
		// (b) holds every response until its last one (about 470 MB live for 10,000 items here), which
		// makes a full collection every second slow it down to minutes: only on request.
		memoryVariants: ['n', 'a'],
		repeat: 3,
		latencyRepeat: 2,
		runtime: '2.8.4',
		keep: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => inline ?? argv[++i];
		if (flag === '--sizes') out.sizes = value().split(',').map(Number);
		else if (flag === '--only') out.only = value().split(',');
		else if (flag === '--variants') out.variants = value().split(',');
		else if (flag === '--memory-variants') out.memoryVariants = value().split(',');
		else if (flag === '--repeat') out.repeat = Math.max(1, Number(value()));
		else if (flag === '--runtime') out.runtime = value();
		else if (flag === '--keep') out.keep = true;
		else if (flag === '--profile') out.profile = value();
		else if (flag === '--queue-load') out.queueLoad = Number(value());
		else if (flag === '--queue-items') out.queueItems = Number(value());
		else throw new Error(`unknown option ${argv[i]} (known: --sizes, --only, --variants, --repeat, --runtime, --keep, --profile DIR, --queue-load N, --queue-items N)`);
	}
	return out;
}

const started = performance.now();
const log = (m) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${m}`);
const mb = (bytes) => Math.round(bytes / 1024 / 1024);
const fixed = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const seconds = (ms) => `${fixed(ms / 1000, 2)} s`;

// ---------------------------------------------------------------------------------------------
// the sandbox, in its own process

async function startSandboxProcess() {
	const child = fork(join(ROOT, 'scripts/bench/sandbox-child.mjs'), [String(await freePort())], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const waiting = new Map();
	child.on('message', (m) => {
		const resolve = waiting.get(m.reply);
		waiting.delete(m.reply);
		resolve?.(m);
	});
	const ask = (cmd) =>
		new Promise((resolve) => {
			waiting.set(cmd, resolve);
			if (cmd !== 'ready') child.send({ cmd });
		});
	const { url } = await ask('ready');
	const control = async (method, path, body) => {
		const res = await fetch(`${url}/_sandbox${path}`, {
			method,
			headers: body ? { 'content-type': 'application/json' } : {},
			body: body ? JSON.stringify(body) : undefined,
		});
		if (!res.ok) throw new Error(`sandbox ${method} ${path} -> ${res.status}: ${await res.text()}`);
		return res.json();
	};
	return {
		url,
		pid: child.pid,
		windowStart: () => ask('window-start'),
		windowStop: async () => (await ask('window-stop')).window,
		reset: () => control('POST', '/reset'),
		faults: (rules) => control('POST', '/faults', { rules }),
		state: () => control('GET', '/state'),
		requests: (service) => control('GET', `/requests${service ? `?service=${service}` : ''}`),
		stop: () =>
			new Promise((resolve) => {
				child.once('exit', resolve);
				child.send({ cmd: 'stop' });
			}),
	};
}

// ---------------------------------------------------------------------------------------------
// 1. throughput

/**
 * One measured run. (a) and (b) are timed by n8n itself (the node's execution time in the saved
 * run data), (c) around its loop; wall time is around the whole webhook call.
 */
async function throughputRun({ variant, count, latencyMs, env, tag }) {
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
async function checkSameCalls({ sandbox, n8n, paths }) {
	await sandbox.reset();
	const items = payoutItems(1, 'SAME', { html: true });
	await callWebhook(n8n.url, paths.a, { items });
	await callWebhook(n8n.url, paths.b, { items });
	await plainLoop(sandbox.url, items, 1);
	const requests = (await sandbox.requests('odoo')).requests.filter((r) => r.path.endsWith('/message_post'));
	const bodies = new Set(requests.map((r) => JSON.stringify(r.body)));
	if (requests.length !== 3 || bodies.size !== 1) {
		throw new Error(`(a), (b) and (c) did not send the same message_post body:\n${requests.map((r) => JSON.stringify(r.body)).join('\n')}`);
	}
	const headers = requests.map((r) => Object.fromEntries(Object.entries(r.headers).filter(([h]) => !['host', 'content-length'].includes(h))));
	return { body: requests[0].body, headers: { a: headers[0], b: headers[1], c: headers[2] } };
}

// ---------------------------------------------------------------------------------------------
// 2. faults

async function faultRun({ count, retryAmbiguous, env, workflow, tag }) {
	const { sandbox, n8n, api, flatted } = env;
	await sandbox.reset(); // also restarts the fault draws from the sandbox's seed
	await sandbox.faults(FAULT_RULES);
	const items = payoutItems(count, tag);
	const before = Number(await latestExecutionId(api, workflow.id, { timeoutMs: 0 }).catch(() => 0));
	const t0 = performance.now();
	const res = await callWebhook(n8n.url, workflow.path, { items });
	if (res.status !== 200) throw new Error(`fault webhook answered ${res.status}`);
	const executionId = await latestExecutionId(api, workflow.id, { after: before });
	const wallMs = performance.now() - t0;
	const { runData } = await readExecution(api, executionId, flatted);
	await sandbox.faults([]);
	const state = await sandbox.state();
	const calls = (await sandbox.requests('odoo')).requests.filter((r) => r.path.endsWith('/message_post'));
	const faults = { status503: 0, status429: 0, droppedBefore: 0, droppedAfter: 0, slow: 0 };
	for (const r of calls) {
		if (r.dropped === 'before') faults.droppedBefore++;
		else if (r.dropped === 'after') faults.droppedAfter++;
		else if (r.fault !== undefined && r.status === 503) faults.status503++;
		else if (r.fault !== undefined && r.status === 429) faults.status429++;
		else if (r.fault !== undefined) faults.slow++;
	}
	const outcome = faultOutcome({ runData, nodeName: 'Odoo Message Post', state, tag, count });
	return { retryAmbiguous, wallMs, requests: calls.length, faults, ...outcome };
}

// ---------------------------------------------------------------------------------------------
// 3. load on the example's webhook

async function loadRun({ count, n8nUrl, sandbox, path }) {
	const tag = `LOAD${Date.now().toString(36)}`;
	const requests = Array.from({ length: count }, (_, i) => ({
		partner_ref: i % 2 ? 'RH-0008' : 'RH-0007',
		reference: `${tag}-${i}`,
		date: '2026-11-22',
		amount: 10 + i,
		currency: 'EUR',
		payout_link: `https://pay.example.com/status/${tag}-${i}`,
		facebook_psid: '2560816460648749',
		onebox_to: 'ada@example.com',
	}));
	const t0 = performance.now();
	const answers = await Promise.all(
		requests.map((body) =>
			fetch(`${n8nUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...WEBHOOK_AUTH }, body: JSON.stringify(body), signal: AbortSignal.timeout(300_000) })
				.then(async (res) => ({ status: res.status, body: await res.json().catch(() => null) }))
				.catch((err) => ({ status: 0, body: { error: err.message } })),
		),
	);
	const wallMs = performance.now() - t0;
	return { wallMs, ...loadOutcome({ requests, answers, state: await sandbox.state() }) };
}

// ---------------------------------------------------------------------------------------------
// report

/** One row per size; requests in flight only when the sandbox holds each answer (else it sees 1). */
function throughputTable(rows, variants, { inFlight = false } = {}) {
	const head = ['items', ...variants.map((v) => NAMES[v]), 'a/b speed', 'a/c time', ...(inFlight ? [`in flight, most / average (${variants.join(', ')})`] : []), 'n8n peak RSS (a / b)'];
	const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---:').join('|')}|`];
	for (const count of [...new Set(rows.map((r) => r.count))]) {
		const by = Object.fromEntries(variants.map((v) => [v, rows.find((r) => r.count === count && r.variant === v)]));
		const { a, b, c } = by;
		const cells = variants.map((v) => (by[v] ? `${fixed(by[v].itemsPerSecond, 0)}/s (${seconds(by[v].nodeMs)})` : 'n/a'));
		const row = [count.toLocaleString('en'), ...cells, a && b ? fixed(a.itemsPerSecond / b.itemsPerSecond) : 'n/a', a && c ? fixed(a.nodeMs / c.nodeMs) : 'n/a'];
		if (inFlight) row.push(variants.map((v) => (by[v] ? `${by[v].maxInFlight} / ${fixed(by[v].avgInFlight, 1)}` : 'n/a')).join(', '));
		row.push(`${a?.rssPeakMb ?? 'n/a'} / ${b?.rssPeakMb ?? 'n/a'} MB`);
		lines.push(`| ${row.join(' | ')} |`);
	}
	return lines.join('\n');
}

function memoryTable(rows) {
	const lines = ['| workflow | items | live heap before | live heap peak | growth |', '|---|---:|---:|---:|---:|'];
	for (const r of rows) lines.push(`| ${NAMES[r.variant]} | ${r.count.toLocaleString('en')} | ${r.liveHeapBeforeMb} MB | ${r.liveHeapPeakMb} MB | ${r.liveHeapGrowthMb >= 0 ? '+' : ''}${r.liveHeapGrowthMb} MB |`);
	return lines.join('\n');
}

function faultTable(runs) {
	const lines = [
		'| run | items | on success output, posted once | on error output (reason) | of those, posted | posted twice | lost or unexplained | calls | faults met | time |',
		'|---|---:|---:|---|---:|---:|---:|---:|---|---:|',
	];
	for (const r of runs) {
		const reasons = Object.entries(r.byReason).map(([k, v]) => `${v} ${k}`).join('; ') || '-';
		const f = r.faults;
		lines.push(
			`| ${r.retryAmbiguous ? '"Retry When Outcome Unknown" on' : 'defaults'} | ${r.items} | ${r.sentOnce} | ${r.failed}: ${reasons} | ${r.failedButPosted} | ${r.duplicates} | ${r.missing + Object.values(r.violations).reduce((x, y) => x + y, 0)} | ${r.requests} | ${f.status503}×503, ${f.status429}×429, ${f.droppedBefore} dropped before and ${f.droppedAfter} after posting, ${f.slow} slowed | ${fixed(r.wallMs / 1000, 1)} s |`,
		);
	}
	return lines.join('\n');
}

function loadTable(r) {
	return [
		'| requests | answered | paid | one chatter post each | posted twice | one transfer each | one journal entry each | booked twice | one Messenger and one Onebox message each | time |',
		'|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
		`| ${r.requests} | ${r.answered} | ${r.paid} | ${r.postsOnce} | ${r.postsTwice} | ${r.transfersOnce} | ${r.movesOnce} | ${r.movesTwice} | ${Math.min(r.messengerOnce, r.oneboxOnce)} | ${fixed(r.wallMs / 1000, 1)} s |`,
	].join('\n');
}

function markdown(results) {
	const s = [
		`# Benchmark ${results.date}`,
		'',
		`\`${results.command}\`: n8n ${results.n8n} on Node ${results.machine.node}, ${results.machine.cpus} CPUs (${results.machine.cpu}), load average ${results.machine.loadBefore} before the run; ${results.totalSeconds} s in all. Each node call is timed by n8n (the node's execution time); the best of ${results.repeat} runs for 1,000 items (${Math.min(results.repeat, 2)} with 20 ms answers), one run for 10,000.`,
	];
	const variants = ['a', 'b', 'c', 'c0'].filter((v) => results.variants.includes(v));
	if (results.throughput?.length) {
		s.push('', '## Throughput, the sandbox answering at once (what the node itself costs)', '', throughputTable(results.throughput, variants));
	}
	if (results.memory?.length) {
		s.push(
			'',
			'## Memory n8n holds (a fresh n8n per workflow, full garbage collections during the run: every second, every 50 ms for (n); live heap = what is left)',
			'',
			memoryTable(results.memory),
		);
	}
	if (results.latency?.length) {
		s.push('', `## Throughput, every answer taking ${LATENCY_MS} ms (an API's latency)`, '', throughputTable(results.latency, variants, { inFlight: true }));
	}
	if (results.faults) {
		const f = results.faultScenario;
		const pc = (x) => `${Math.round(x * 100)}%`;
		const what = `${pc(f.status503)} HTTP 503 and ${pc(f.status429)} HTTP 429 (Retry-After: ${f.retryAfter}), ${pc(f.dropBefore)} connections dropped before and ${pc(f.dropAfter)} after Odoo posted, ${pc(f.slow)} answers ${f.slowMs} ms late`;
		s.push('', `## Faults (1,000 notifications; the sandbox: ${what})`, '', faultTable(results.faults));
	}
	if (results.load) s.push('', '## Load on the example workflow\'s webhook', '', loadTable(results.load));
	if (results.queue) {
		const single = results.throughput?.find((r) => r.variant === 'a' && r.count === results.queue.odooNode?.count);
		s.push('', `## Queue mode (main, workers, a webhook processor; PostgreSQL and Redis on the same ${results.machine.cpus} CPUs)`, '', queueTable(results.queue, { singleOdooItemsPerSecond: single?.itemsPerSecond }));
	}
	return `${s.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const runtime = ensureRuntime(opts.runtime);
	const results = {
		command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
		date: new Date().toISOString(),
		machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version, loadBefore: loadavg()[0].toFixed(2) },
		n8n: runtime.version,
		concurrency: CONCURRENCY,
		repeat: opts.repeat,
		variants: opts.variants,
	};
	log(`n8n ${runtime.version}, ${results.machine.cpus} CPUs (${results.machine.cpu}), Node ${process.version}, load average ${results.machine.loadBefore}`);

	const tarball = await packPackage();
	const userFolder = mkdtempSync(join(tmpdir(), 'payout-notify-bench-'));
	let sandbox;
	const env = { flatted: flattedOf(runtime), profile: opts.profile };
	// The same settings for every run; warnings only, so logging costs nothing measurable.
	const n8nEnv = {
		N8N_LOG_LEVEL: 'warn',
		N8N_PAYLOAD_SIZE_MAX: '64',
		...(opts.profile ? { NODE_OPTIONS: `--require ${join(ROOT, 'scripts/bench/profile-hook.cjs')}`, PAYOUT_NOTIFY_PROFILE_DIR: opts.profile } : {}),
	};
	/** (Re)starts n8n on the same folder and port: a fresh process, the same workflows. */
	const startFresh = async (extraEnv = {}) => {
		const port = env.n8n?.port;
		if (env.n8n) await env.n8n.stop();
		const nodeOptions = [n8nEnv.NODE_OPTIONS, extraEnv.NODE_OPTIONS].filter(Boolean).join(' ');
		env.n8n = await startN8n({ runtime, userFolder, port, env: { ...n8nEnv, ...extraEnv, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) } });
		env.api = rest(env.n8n.url, await setupOwner(env.n8n.url));
		// Active workflows register their webhooks a little after n8n is ready.
		for (const path of Object.values(env.paths ?? {})) await callWebhook(env.n8n.url, path, { items: payoutItems(1, 'READY', { html: true }) });
	};
	try {
		await installPackage({ userFolder, tarball });
		sandbox = await startSandboxProcess();
		env.sandbox = sandbox;
		await startFresh();
		log(`n8n at ${env.n8n.url} (pid ${env.n8n.pid}), sandbox at ${sandbox.url} (pid ${sandbox.pid})`);
		const { created } = await upsertCredentials(env.api, sandboxCredentials(sandbox.url));
		const importActive = async (json) => {
			const { workflow, missing } = wireCredentials(json, created);
			if (missing.length) throw new Error(`no credential for ${JSON.stringify(missing)}`);
			const { id } = await saveWorkflow(env.api, workflow);
			await activateWorkflow(env.api, id);
			return id;
		};
		env.paths = { a: 'bench-odoo-node', b: 'bench-http-request', n: 'bench-no-operation' };
		await importActive(odooNodeWorkflow({ path: env.paths.a }));
		await importActive(noOpWorkflow({ path: env.paths.n }));
		await importActive(httpRequestWorkflow({ path: env.paths.b, sandboxUrl: sandbox.url, batchSize: CONCURRENCY, batchInterval: 1 }));
		// With answers taking LATENCY_MS, 4 items per LATENCY_MS keep the HTTP Request node at
		// about 4 requests in flight, like the others (with 1 ms it had 30 and more).
		env.latencyPaths = { a: env.paths.a, b: 'bench-http-request-paced' };
		await importActive(httpRequestWorkflow({ path: env.latencyPaths.b, sandboxUrl: sandbox.url, batchSize: CONCURRENCY, batchInterval: LATENCY_MS }));

		const variants = ['c', 'c0', 'a', 'b'].filter((v) => opts.variants.includes(v));
		const report = (r) =>
			log(
				`${r.latencyMs ? `${r.latencyMs} ms latency, ` : ''}(${r.variant}) ${r.count}: ${fixed(r.itemsPerSecond, 0)} items/s (best ${seconds(r.nodeMs)}; runs ${r.runsMs.join(', ')} ms), in flight ${r.maxInFlight} at most, ${fixed(r.avgInFlight, 1)} on average${r.rssPeakMb ? `, n8n RSS ${r.rssBaselineMb} -> ${r.rssPeakMb} MB` : ''}`,
			);
		const warmUp = async (list) => {
			for (const variant of list) await throughputRun({ variant, count: 500, latencyMs: 0, env, tag: `WARM${variant}` });
		};
		const small = opts.sizes.filter((n) => n <= 1000);
		const large = opts.sizes.filter((n) => n > 1000);
		if (opts.only.includes('throughput') || opts.only.includes('latency')) {
			results.sameCalls = await checkSameCalls(env);
			log('(a), (b) and (c) send the same message_post body');
			await warmUp(variants); // JIT, database, connections
		}
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
		if (opts.only.includes('memory')) {
			// What n8n holds: a fresh n8n per workflow, with full garbage collections during the
			// runs (bench/heap-hook.cjs), so the heap that is left is live data, not garbage.
			results.memory = [];
			const sizes = large.length ? large : small;
			for (const variant of opts.memoryVariants) {
				const heapLog = join(userFolder, `heap-${variant}.jsonl`);
				const sampling = `${heapLog}.on`;
				// (n) is over in a moment: sample it often enough to see its peak.
				const everyMs = variant === 'n' ? 50 : 1000;
				await startFresh({
					NODE_OPTIONS: `--require ${join(ROOT, 'scripts/bench/heap-hook.cjs')}`,
					PAYOUT_NOTIFY_HEAP_LOG: heapLog,
					PAYOUT_NOTIFY_HEAP_EVERY_MS: String(everyMs),
				});
				for (const count of sizes) {
					writeFileSync(sampling, '');
					const enabled = Date.now();
					const samplesIn = () => (existsSync(heapLog) ? readFileSync(heapLog, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
					// The heap before: wait for the hook's first sample after sampling was switched on.
					for (let waited = 0; !samplesIn().some(([t]) => t >= enabled); waited += 50) {
						if (waited > 30_000) throw new Error(`no heap sample in ${heapLog}: is scripts/bench/heap-hook.cjs loaded into n8n?`);
						await new Promise((resolve) => setTimeout(resolve, 50));
					}
					const from = Date.now();
					const r = await throughputRun({ variant, count, latencyMs: 0, env, tag: `M${variant}${count}` });
					await new Promise((resolve) => setTimeout(resolve, everyMs * 1.5)); // one more sample after the run
					rmSync(sampling, { force: true });
					const samples = samplesIn();
					const before = samples.filter(([t]) => t < from).at(-1);
					const during = samples.filter(([t]) => t >= from);
					const m = {
						variant,
						count,
						liveHeapBeforeMb: mb(before[1]),
						liveHeapPeakMb: mb(Math.max(...during.map(([, heap]) => heap))),
						rssPeakMb: mb(Math.max(...during.map(([, , rss]) => rss))),
						samples: during.length,
						nodeMs: r.nodeMs,
					};
					m.liveHeapGrowthMb = m.liveHeapPeakMb - m.liveHeapBeforeMb;
					results.memory.push(m);
					log(`memory (${variant}) ${count}: live heap ${m.liveHeapBeforeMb} -> ${m.liveHeapPeakMb} MB (+${m.liveHeapGrowthMb}), ${m.samples} samples`);
				}
			}
		}

		if (opts.only.includes('faults')) {
			results.faultScenario = FAULT_SCENARIO;
			results.faultRules = FAULT_RULES;
			results.faults = [];
			for (const retryAmbiguous of [false, true]) {
				const path = `bench-faults-${retryAmbiguous ? 'retry-unknown' : 'defaults'}`;
				const id = await importActive(faultWorkflow({ path, retryAmbiguous }));
				const r = await faultRun({ count: 1000, retryAmbiguous, env, workflow: { id, path }, tag: `F${retryAmbiguous ? 'R' : 'D'}` });
				results.faults.push(r);
				log(
					`faults${retryAmbiguous ? ' with "Retry When Outcome Unknown"' : ''}: ${r.sentOnce} sent once, ${r.failed} on the error output ${JSON.stringify(r.byReason)} (${r.failedButPosted} of them posted), ${r.duplicates} duplicates, ${r.missing} missing, ${fixed(r.wallMs / 1000, 1)} s`,
				);
			}
		}

		if (opts.only.includes('load')) {
			const example = pointAtSandbox(JSON.parse(readFileSync(join(ROOT, 'examples/royalties-payout.workflow.json'), 'utf8')), sandbox.url);
			await importActive(example);
			const path = example.nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path;
			await sandbox.reset();
			await callWebhook(env.n8n.url, path, {}); // waits until the webhook is registered
			await loadRun({ count: 5, n8nUrl: env.n8n.url, sandbox, path }); // warm-up
			results.load = await loadRun({ count: 200, n8nUrl: env.n8n.url, sandbox, path });
			const r = results.load;
			log(
				`load: ${r.answered}/${r.requests} answered ${JSON.stringify(r.statuses)}, ${r.postsOnce} posted once, ${r.postsTwice} twice, ${r.movesOnce} booked once, ${r.movesTwice} twice, ${fixed(r.wallMs / 1000, 1)} s`,
			);
		}
		if (opts.only.includes('queue')) {
			const single = env.n8n;
			if (!opts.only.includes('load')) {
				const example = pointAtSandbox(JSON.parse(readFileSync(join(ROOT, 'examples/royalties-payout.workflow.json'), 'utf8')), sandbox.url);
				await importActive(example);
			}
			// The queue stack needs the 2 CPUs: the single n8n stops once its figure is taken.
			results.queue = await queuePhase({
				runtime,
				tarball,
				sandbox,
				flatted: env.flatted,
				load: opts.queueLoad,
				items: opts.queueItems,
				concurrency: 10,
				single: { url: single.url },
				throughputRun,
				loadRun,
				log,
				beforeStack: async () => {
					await single.stop();
					env.n8n = null;
				},
			});
		}
	} finally {
		if (env.n8n) await env.n8n.stop();
		if (sandbox) await sandbox.stop();
		rmSync(join(tarball, '..'), { recursive: true, force: true });
		if (opts.keep) log(`kept ${userFolder}`);
		else rmSync(userFolder, { recursive: true, force: true });
	}

	results.totalSeconds = Math.round((performance.now() - started) / 1000);
	results.machine.loadAfter = loadavg()[0].toFixed(2);
	const summary = markdown(results);
	const dir = join(ROOT, 'bench-results');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
	writeFileSync(join(dir, 'summary.md'), summary);
	console.log(`\n${summary}`);
	log('wrote bench-results/results.json and bench-results/summary.md');
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main().catch((err) => {
		console.error(`bench failed: ${err.stack ?? err}`);
		process.exit(1);
	});
}
