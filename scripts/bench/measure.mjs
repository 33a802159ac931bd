// What the benchmark measures with: a JSON POST that waits as long as a large run takes, the
// body (c) sends, and the n8n process's memory.
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';

/**
 * POSTs JSON and resolves to { status, body }. Plain `http`, not fetch: fetch gives up on an
 * answer that takes more than 300 s, and a run of 10,000 items may take that long on a busy machine.
 */
export function postJson(url, payload, { timeoutMs = 900_000 } = {}) {
	return new Promise((resolve, reject) => {
		const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
		const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let parsed = text;
				try {
					parsed = JSON.parse(text);
				} catch {
					/* not JSON */
				}
				resolve({ status: res.statusCode, body: parsed });
			});
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`no answer from ${url} in ${timeoutMs / 1000} s`)));
		req.on('error', reject);
		req.end(body);
	});
}

/** The JSON-2 call Odoo Message Post makes for one payout item (what (c) sends). */
export function messagePostBody(item) {
	return JSON.stringify({
		ids: [item.partner_id],
		body: item.body_html,
		body_is_html: true,
		message_type: 'comment',
		subtype_xmlid: 'mail.mt_comment',
		partner_ids: [item.partner_id],
	});
}

/** Resident memory of a process in bytes (VmRSS), or undefined once it is gone. */
export function rssOf(pid) {
	try {
		const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** Samples a process's RSS every `everyMs` ms; stop() resolves to { baseline, peak, samples }. */
export function sampleRss(pid, everyMs = 100) {
	const baseline = rssOf(pid) ?? 0;
	let peak = baseline;
	let samples = 1;
	// Resets the kernel's high-water mark (VmHWM), which catches peaks between two samples.
	let hwm = false;
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		hwm = true;
	} catch {
		/* not allowed here: sampling alone */
	}
	const timer = setInterval(() => {
		const rss = rssOf(pid);
		samples++;
		if (rss !== undefined && rss > peak) peak = rss;
	}, everyMs);
	return {
		stop() {
			clearInterval(timer);
			if (hwm) {
				try {
					const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
					if (m) peak = Math.max(peak, Number(m[1]) * 1024);
				} catch {
					/* gone */
				}
			}
			return { baseline, peak, samples, hwm };
		},
	};
}

