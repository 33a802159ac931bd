// Injected failures. Outcomes come from a seeded generator so a flaky-looking test run can be
// replayed exactly; "drop after" exists because that is the case that makes retries dangerous.
import { odooErrorData } from './odoo-models.mjs';
import { html, json } from './respond.mjs';
import { oneboxError } from './onebox.mjs';

/** mulberry32: tiny, fast and good enough to decide "does this rule fire". */
export function seededRandom(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const SERVICES = new Set(['odoo', 'stripe', 'harasocial', 'onebox']);

/** Validates and normalizes rules; throws an Error whose message is meant for the caller. */
export function normalizeRules(input) {
	if (!Array.isArray(input)) throw new Error('"rules" must be an array');
	return input.map((r, i) => {
		const where = `rules[${i}]`;
		if (!r || typeof r !== 'object') throw new Error(`${where} must be an object`);
		if (r.service !== undefined && !SERVICES.has(r.service)) throw new Error(`${where}.service must be one of ${[...SERVICES].join(', ')}`);
		if (r.status !== undefined && !(Number.isInteger(r.status) && r.status >= 400 && r.status <= 599)) throw new Error(`${where}.status must be an HTTP error status (400-599)`);
		let drop = r.drop ?? (r.dropConnection === true ? 'before' : r.dropConnection || null);
		if (drop !== null && drop !== 'before' && drop !== 'after') throw new Error(`${where}.drop must be "before" or "after"`);
		if (drop && r.status !== undefined) throw new Error(`${where}: use either status or drop, not both`);
		for (const k of ['retryAfter', 'delayMs', 'times']) {
			if (r[k] !== undefined && !(typeof r[k] === 'number' && r[k] >= 0)) throw new Error(`${where}.${k} must be a number >= 0`);
		}
		if (r.probability !== undefined && !(typeof r.probability === 'number' && r.probability >= 0 && r.probability <= 1)) throw new Error(`${where}.probability must be between 0 and 1`);
		if (r.status === undefined && !drop && r.delayMs === undefined) throw new Error(`${where} does nothing: give status, drop or delayMs`);
		return {
			service: r.service ?? null,
			method: r.method ? String(r.method).toUpperCase() : null,
			pathIncludes: r.pathIncludes ?? null,
			status: r.status ?? null,
			retryAfter: r.retryAfter ?? null,
			drop,
			delayMs: r.delayMs ?? 0,
			probability: r.probability ?? 1,
			times: r.times ?? null,
			fired: 0,
		};
	});
}

export class Faults {
	constructor(seed) {
		this.seed = seed;
		this.reset();
	}

	reset() {
		this.rules = [];
		this.random = seededRandom(this.seed);
	}

	/** First rule that matches, still has uses left and wins its probability draw; counts the use. */
	match(service, method, path) {
		for (let i = 0; i < this.rules.length; i++) {
			const r = this.rules[i];
			if (r.service && r.service !== service) continue;
			if (r.method && r.method !== method) continue;
			if (r.pathIncludes && !path.includes(r.pathIncludes)) continue;
			if (r.times !== null && r.fired >= r.times) continue;
			// Draw only for rules that need it, so adding a certain rule does not shift the sequence.
			if (r.probability < 1 && this.random() >= r.probability) continue;
			r.fired++;
			return { rule: r, index: i };
		}
		return null;
	}
}

const REASONS = { 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

/** The answer each real service (or the proxy in front of it) gives for a given status. */
export function faultResponse(service, status, retryAfter, index) {
	const reason = REASONS[status] ?? 'Error';
	const headers = { 'x-sandbox-fault': String(index) };
	if (retryAfter !== null) headers['retry-after'] = String(retryAfter);
	let res;
	if (status >= 502 && status <= 504) {
		res = html(status, `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`);
	} else if (service === 'odoo') {
		res = json(status, odooErrorData(status === 429 ? 'werkzeug.exceptions.TooManyRequests' : 'builtins.Exception', status === 429 ? 'Too many requests, slow down.' : `Injected fault (HTTP ${status})`));
	} else if (service === 'stripe') {
		res = json(status, { error: status === 429 ? { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.' } : { type: 'api_error', message: `Injected fault (HTTP ${status})` } });
	} else if (service === 'harasocial') {
		res = json(status, status === 429 ? { errors: 'Exceeded 4 calls per second for api client. Reduce request rates to resume uninterrupted service.' } : { data: null, has_error: true, error_code: 'internal_error', error_message: `Injected fault (HTTP ${status})` });
	} else {
		res = oneboxError(status, status === 429 ? 'Too many requests' : `Injected fault (HTTP ${status})`);
	}
	Object.assign(res.headers, headers);
	return res;
}
