// The request log is a ring buffer of plain objects: a 10,000-message benchmark must neither grow
// memory without bound nor pay for serialization on the hot path.

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

export function redactHeaders(headers) {
	const out = {};
	for (const key in headers) {
		const value = headers[key];
		if (SECRET_HEADERS.has(key) && typeof value === 'string') {
			const space = value.indexOf(' ');
			// Keep the scheme: "is it bearer or basic?" is the useful part of a failing request.
			out[key] = space > 0 ? `${value.slice(0, space)} ***` : '***';
		} else {
			out[key] = value;
		}
	}
	return out;
}

export class RequestLog {
	constructor(max) {
		this.max = Number.isFinite(max) ? Math.max(0, Math.floor(max)) : 100000;
		this.clear();
		this.seq = 0;
	}

	clear() {
		this.buf = [];
		this.start = 0;
		this.evicted = 0;
	}

	/** Sequence numbers stay monotonic across clear(), so a client's `since` cursor never goes back. */
	add(entry) {
		entry.seq = ++this.seq;
		if (this.max === 0) return entry;
		if (this.buf.length < this.max) {
			this.buf.push(entry);
		} else {
			this.buf[this.start] = entry;
			this.start = (this.start + 1) % this.max;
			this.evicted++;
		}
		return entry;
	}

	list({ service, since } = {}) {
		const out = [];
		const n = this.buf.length;
		for (let i = 0; i < n; i++) {
			const e = this.buf[(this.start + i) % n];
			if (since !== undefined && e.seq <= since) continue;
			if (service && e.service !== service) continue;
			out.push(e);
		}
		return out;
	}
}
