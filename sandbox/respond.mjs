// Handlers return plain response descriptors instead of writing to the socket, so the server can
// decide afterwards to deliver them, replay them (Stripe idempotency) or drop the connection.

const JSON_TYPE = 'application/json; charset=utf-8';

export function json(status, body, headers) {
	return { status, headers: headers ? { 'content-type': JSON_TYPE, ...headers } : { 'content-type': JSON_TYPE }, body: JSON.stringify(body) };
}

export function html(status, body, headers) {
	return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

export function text(status, body, headers) {
	return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body };
}

/** Media type without parameters, lower-cased: "application/json; charset=utf-8" -> "application/json". */
export function mediaType(header) {
	if (!header) return '';
	const semi = header.indexOf(';');
	return (semi < 0 ? header : header.slice(0, semi)).trim().toLowerCase();
}

/** Token after a given auth scheme (case-insensitive), or null. */
export function bearerToken(header) {
	if (typeof header !== 'string') return null;
	const m = /^bearer\s+(\S+)\s*$/i.exec(header);
	return m ? m[1] : null;
}

const pad = (n) => (n < 10 ? `0${n}` : String(n));

/** "YYYY-MM-DD HH:MM:SS" in UTC, the format both Odoo and Onebox use on the wire. */
export function sqlDateTime(ms) {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Stripe-style form bodies: metadata[key]=v and expand[]=x become nested values. */
export function parseForm(raw) {
	const out = {};
	for (const [key, value] of new URLSearchParams(raw)) {
		const m = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key);
		if (!m) {
			out[key] = value;
			continue;
		}
		const parts = [m[1], ...m[2].slice(1, -1).split('][')];
		let node = out;
		for (let i = 0; i < parts.length - 1; i++) {
			const part = parts[i];
			const nextIsList = parts[i + 1] === '';
			if (node[part] === undefined || typeof node[part] !== 'object') node[part] = nextIsList ? [] : {};
			node = node[part];
		}
		const last = parts[parts.length - 1];
		if (Array.isArray(node)) node.push(value);
		else if (last === '') node[last] = value;
		else node[last] = value;
	}
	return out;
}
