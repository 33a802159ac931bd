// The benchmark's report: the tables of bench-results/summary.md (printed at the end of a run).
import { fixed, seconds } from './format.mjs';
import { queueTable } from './queue.mjs';
import { LATENCY_MS } from './throughput.mjs';

const NAMES = {
	a: '(a) Odoo Message Post',
	b: '(b) HTTP Request node',
	c: '(c) plain Node loop',
	c0: '(c0) plain loop, no keep-alive',
	n: '(n) No Operation instead (n8n alone)',
};

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

/** bench-results/summary.md, also printed at the end of the run. */
export function markdown(results) {
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
