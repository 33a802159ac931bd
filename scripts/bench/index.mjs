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
//   5. Queue mode (needs PostgreSQL and Redis): the example's payouts/s with
//      1 worker and with 2 at the same load (--queue-load, 100) next to the single process, and
//      Odoo Message Post's items/s on a worker (--queue-items, 1000).
//
// Options: --sizes 1000,10000  --only throughput,latency,memory,faults,load,queue  --variants a,b,c,c0
//          --memory-variants n,a (add b for the HTTP Request node: slow, see below)
//          --repeat N (runs of 1,000 items or fewer; the best counts)  --runtime 2.8.4  --keep
//          --profile DIR (a V8 CPU profile of n8n per measured (a)/(b) run, see profile-hook.cjs)
//
// One module per phase: setup.mjs (n8n, the sandbox process, the workflows), throughput.mjs (1),
// memory.mjs (2), faults.mjs (3), load.mjs (4), queue.mjs (5), report.mjs (the tables).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { packPackage, ROOT } from '../lib/n8n-driver.mjs';
import { ensureRuntime } from '../runtime.mjs';
import { faultsPhase } from './faults.mjs';
import { importExample, loadPhase } from './load.mjs';
import { memoryPhase } from './memory.mjs';
import { queuePhase } from './queue.mjs';
import { markdown } from './report.mjs';
import { startBench } from './setup.mjs';
import { CONCURRENCY, throughputPhase } from './throughput.mjs';

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
	let env;
	try {
		env = await startBench({ runtime, tarball, opts, log });
		const phase = { opts, env, results, log };
		if (opts.only.includes('throughput') || opts.only.includes('latency')) await throughputPhase(phase);
		if (opts.only.includes('memory')) await memoryPhase(phase);
		if (opts.only.includes('faults')) await faultsPhase(phase);
		if (opts.only.includes('load')) await loadPhase(phase);
		if (opts.only.includes('queue')) {
			if (!opts.only.includes('load')) await importExample(env);
			// The queue stack needs the 2 CPUs: the single n8n stops once its figure is taken.
			results.queue = await queuePhase({
				runtime,
				tarball,
				sandbox: env.sandbox,
				flatted: env.flatted,
				load: opts.queueLoad,
				items: opts.queueItems,
				concurrency: 10,
				single: { url: env.n8n.url },
				log,
				beforeStack: () => env.n8n.stop(),
			});
		}
	} finally {
		if (env) await env.stop({ keep: opts.keep });
		rmSync(dirname(tarball), { recursive: true, force: true });
		if (opts.keep && env) log(`kept ${env.stack.folder}`);
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

main().catch((err) => {
	console.error(`bench failed: ${err.stack ?? err}`);
	process.exit(1);
});
