// Phase 2 of the benchmark: the heap n8n holds, per workflow in a fresh n8n with full garbage
// collections during the runs (heap-hook.cjs), so the heap that is left is live data, not garbage;
// against the same workflow with a No Operation node instead (n8n's own cost for the items).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { mb } from './format.mjs';
import { throughputRun } from './throughput.mjs';

const HEAP_HOOK = new URL('./heap-hook.cjs', import.meta.url).pathname;

export async function memoryPhase({ opts, env, results, log }) {
	results.memory = [];
	const large = opts.sizes.filter((n) => n > 1000);
	const sizes = large.length ? large : opts.sizes.filter((n) => n <= 1000);
	for (const variant of opts.memoryVariants) {
		const heapLog = join(env.stack.folder, `heap-${variant}.jsonl`);
		const sampling = `${heapLog}.on`;
		// (n) is over in a moment: sample it often enough to see its peak.
		const everyMs = variant === 'n' ? 50 : 1000;
		await env.restart({ NODE_OPTIONS: `--require ${HEAP_HOOK}`, PAYOUT_NOTIFY_HEAP_LOG: heapLog, PAYOUT_NOTIFY_HEAP_EVERY_MS: String(everyMs) });
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
