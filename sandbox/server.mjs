// One local HTTP server that stands in for Odoo, Stripe, Harasocial and Onebox, each under its own
// path prefix, so a workflow runs end to end with no accounts and tests can read what was sent.
import { createServer } from 'node:http';
import { realpathSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { handleControl } from './control.mjs';
import { Faults, faultResponse, seededRandom } from './faults.mjs';
import { createHarasocialState, handleHarasocial } from './harasocial.mjs';
import { RequestLog, redactHeaders } from './log.mjs';
import { FLAVOURS, handleOdoo, redactOdooBody } from './odoo.mjs';
import { createOdooState } from './odoo-models.mjs';
import { createOneboxState, handleOnebox, redactOneboxBody } from './onebox.mjs';
import { renderPage } from './page.mjs';
import { html, json, mediaType, parseForm, text } from './respond.mjs';
import { createStripeState, handleStripe } from './stripe.mjs';

const DEFAULTS = { port: 0, oneboxTokenTtlSeconds: 900, maxLog: 100000, seed: 42, now: Date.now };
const MAX_BODY = 20 * 1024 * 1024;
// Bigger bodies (base64 attachments) are logged by size only, to keep the log's memory bounded.
const MAX_LOGGED_BODY = 256 * 1024;

const ROUTES = {
	...Object.fromEntries(
		Object.entries(FLAVOURS).map(([prefix, flavour]) => [prefix, { service: 'odoo', handle: (ctx, sb) => handleOdoo(ctx, sb, flavour), redact: redactOdooBody }]),
	),
	stripe: { service: 'stripe', handle: handleStripe },
	harasocial: { service: 'harasocial', handle: handleHarasocial },
	onebox: { service: 'onebox', handle: handleOnebox, redact: redactOneboxBody },
};

function freshState() {
	return { odoo: createOdooState(), stripe: createStripeState(), harasocial: createHarasocialState(), onebox: createOneboxState() };
}

function createSandbox(options) {
	const sandbox = {
		options,
		state: freshState(),
		control: null,
		log: new RequestLog(options.maxLog),
		faults: new Faults(options.seed),
		idRandom: null,
		now: () => options.now() + sandbox.control.clockOffsetMs,
		reset() {
			// In place: callers of startSandbox hold on to `state`.
			Object.assign(sandbox.state, freshState());
			sandbox.control = { failStep: null, onebox: { quota: false, thirdPartyError: false }, clockOffsetMs: 0 };
			sandbox.log.clear();
			sandbox.faults.reset();
			// A separate stream from the fault draws, so creating objects never changes which faults fire.
			sandbox.idRandom = seededRandom((options.seed ^ 0x5eed1d5) >>> 0);
		},
	};
	sandbox.reset();
	return sandbox;
}

function makeContext(method, path, query, headers, raw) {
	let parsedJson;
	let parsedForm;
	return {
		method, path, query, headers, raw,
		json() {
			if (!parsedJson) {
				try {
					parsedJson = { ok: true, value: JSON.parse(raw) };
				} catch (err) {
					parsedJson = { ok: false, error: err.message };
				}
			}
			return parsedJson;
		},
		form() {
			parsedForm ??= parseForm(raw);
			return parsedForm;
		},
	};
}

function loggedBody(ctx, route) {
	if (ctx.raw === '') return null;
	if (ctx.raw.length > MAX_LOGGED_BODY) return `[${ctx.raw.length} characters, not kept]`;
	const type = mediaType(ctx.headers['content-type']);
	let body = ctx.raw;
	if (type === 'application/x-www-form-urlencoded') body = ctx.form();
	else if (type.includes('json') || route.service === 'odoo') {
		const parsed = ctx.json();
		if (parsed.ok) body = parsed.value;
	}
	return route.redact ? route.redact(ctx.path, body) : body;
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > MAX_BODY) {
				reject(new Error('body too large'));
				req.destroy();
			} else chunks.push(c);
		});
		req.on('end', () => resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function send(res, r) {
	// An explicit length avoids chunked encoding, which some HTTP clients handle worse on errors.
	res.writeHead(r.status, { ...r.headers, 'content-length': Buffer.byteLength(r.body) });
	res.end(r.body);
}

async function serveApi(sandbox, route, req, res, path, pathname, query, raw, signal) {
	const ctx = makeContext(req.method, path, query, req.headers, raw);
	const entry = sandbox.log.add({
		seq: 0, time: new Date(sandbox.now()).toISOString(), service: route.service, method: req.method, path: req.url,
		headers: redactHeaders(req.headers), body: loggedBody(ctx, route), status: null,
	});
	const hit = sandbox.faults.rules.length ? sandbox.faults.match(route.service, req.method, pathname) : null;
	if (hit) {
		const { rule, index } = hit;
		entry.fault = index;
		if (rule.delayMs > 0) await delay(rule.delayMs, undefined, { signal });
		if (rule.drop === 'before') {
			entry.dropped = 'before';
			req.socket.destroy();
			return;
		}
		if (rule.status !== null) {
			const r = faultResponse(route.service, rule.status, rule.retryAfter, index);
			entry.status = r.status;
			send(res, r);
			return;
		}
	}
	const r = route.handle(ctx, sandbox);
	if (hit?.rule.drop === 'after') {
		// The side effect happened; the client only sees a broken connection.
		entry.dropped = 'after';
		req.socket.destroy();
		return;
	}
	entry.status = r.status;
	send(res, r);
}

async function onRequest(sandbox, req, res, signal) {
	const url = req.url;
	const q = url.indexOf('?');
	const pathname = q < 0 ? url : url.slice(0, q);
	const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
	const slash = pathname.indexOf('/', 1);
	const prefix = slash < 0 ? pathname.slice(1) : pathname.slice(1, slash);
	const path = slash < 0 ? '/' : pathname.slice(slash);
	const raw = await readBody(req);
	if (prefix === '') {
		if (pathname !== '/' || req.method !== 'GET') return send(res, text(404, 'Not found'));
		// The CSP is a second line of defence should anything slip past the HTML sanitizer.
		return send(res, html(200, renderPage(sandbox.state), { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'cache-control': 'no-store' }));
	}
	if (prefix === '_sandbox') return send(res, handleControl(makeContext(req.method, path, query, req.headers, raw), sandbox));
	const route = ROUTES[prefix];
	if (!route) return send(res, json(404, { error: `unknown prefix /${prefix}; use /odoo, /odoo17, /odoo-online, /odoo-multi, /stripe, /harasocial, /onebox or /_sandbox` }));
	return serveApi(sandbox, route, req, res, path, pathname, query, raw, signal);
}

/**
 * Starts the sandbox on 127.0.0.1. Options: port (0 = random), oneboxTokenTtlSeconds (900),
 * maxLog (100000 log entries kept), seed (42; fault draws and generated ids), now (() => epoch ms).
 * Resolves to { url, port, state, close() }.
 */
export async function startSandbox(options = {}) {
	const opts = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
	const sandbox = createSandbox(opts);
	const closing = new AbortController();
	const server = createServer((req, res) => {
		onRequest(sandbox, req, res, closing.signal).catch((err) => {
			if (closing.signal.aborted || err?.name === 'AbortError') return req.socket.destroy();
			if (!res.headersSent) send(res, text(err.message === 'body too large' ? 413 : 500, `sandbox error: ${err.message}`));
			else res.destroy();
			if (err.message !== 'body too large') console.error('[sandbox]', err);
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address();
	let closed;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		state: sandbox.state,
		sandbox,
		close() {
			closed ??= new Promise((resolve) => {
				closing.abort();
				server.close(() => resolve());
				// Keep-alive sockets would otherwise hold close() (and a test runner) open.
				server.closeAllConnections();
			});
			return closed;
		},
	};
}

function parseArgs(argv) {
	const names = { '--port': 'port', '--seed': 'seed', '--max-log': 'maxLog', '--onebox-token-ttl': 'oneboxTokenTtlSeconds' };
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const name = names[flag];
		if (!name) throw new Error(`unknown option ${argv[i]}; known: ${Object.keys(names).join(', ')}`);
		const value = Number(inline ?? argv[++i]);
		if (!Number.isFinite(value)) throw new Error(`${flag} needs a number`);
		out[name] = value;
	}
	return out;
}

function isMain() {
	try {
		return process.argv[1] !== undefined && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
	} catch {
		return false;
	}
}

if (isMain()) {
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (err) {
		process.stderr.write(`${err.message}\n`);
		process.exit(2);
	}
	const sb = await startSandbox(options);
	process.stdout.write(`sandbox listening on ${sb.url}\n`);
	const stop = () => sb.close().then(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}
