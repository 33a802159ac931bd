// Loaded into n8n with `NODE_OPTIONS=--require …/heap-hook.cjs` by the benchmark's memory runs.
// While the file `<PAYOUT_NOTIFY_HEAP_LOG>.on` exists (the benchmark creates it around a run), it
// runs a full garbage collection every PAYOUT_NOTIFY_HEAP_EVERY_MS (1000) and appends
// `[epochMs, heapUsedBytes, rssBytes]` to PAYOUT_NOTIFY_HEAP_LOG. The heap left after a full
// collection is what n8n really holds (the peak RSS also counts garbage not yet collected).
// Only in n8n's main process (`n8n start`), not in its task runner.
const file = process.env.PAYOUT_NOTIFY_HEAP_LOG;
if (file && process.argv.includes('start')) {
	const v8 = require('node:v8');
	const vm = require('node:vm');
	const { appendFileSync, existsSync } = require('node:fs');
	v8.setFlagsFromString('--expose-gc');
	const gc = vm.runInNewContext('gc');
	const every = Number(process.env.PAYOUT_NOTIFY_HEAP_EVERY_MS) || 1000;
	setInterval(() => {
		if (!existsSync(`${file}.on`)) return;
		gc();
		const { heapUsed, rss } = process.memoryUsage();
		appendFileSync(file, `${JSON.stringify([Date.now(), heapUsed, rss])}\n`);
	}, every).unref();
}
