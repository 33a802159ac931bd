// Odoo's two external transports over the shared model layer: JSON-2 (Odoo 19 only) and the
// legacy JSON-RPC. Four flavours share one data store, each under its own prefix:
//   /odoo         Odoo 19.0 on-premise, one database
//   /odoo17       Odoo 17.0: no JSON-2 and no /web/version (common.version tells the version)
//   /odoo-online  Odoo Online (*.odoo.com): "saas~19.1+e" version strings, one database
//   /odoo-multi   Odoo 19.0 hosting several databases: JSON-2 needs X-Odoo-Database
// What each answers was checked against real Odoo 19.0 and 17.0 servers (shared/reference/apis.md).
import { OdooError, callKw, odooErrorData } from './odoo-models.mjs';
import { bearerToken, html, json, mediaType } from './respond.mjs';
import { SANDBOX_SECRETS } from './secrets.mjs';

const { apiKey: API_KEY, database: DATABASE, login: LOGIN, uid: UID } = SANDBOX_SECRETS.odoo;

const ON_PREMISE_19 = { version_info: [19, 0, 0, 'final', 0, ''], version: '19.0' };

/** major: what the ORM behaves like; web: /web/version's answer (none on 17); databases: what the server hosts. */
export const FLAVOURS = {
	odoo: { major: 19, web: ON_PREMISE_19, databases: [DATABASE] },
	odoo17: { major: 17, web: null, rpcVersion: { version_info: [17, 0, 0, 'final', 0, ''], version: '17.0' }, databases: [DATABASE] },
	'odoo-online': { major: 19, web: { version_info: ['saas~19', 1, 0, 'final', 0, 'e'], version: 'saas~19.1+e' }, databases: [DATABASE] },
	'odoo-multi': { major: 19, web: ON_PREMISE_19, databases: [DATABASE, 'sandbox-archive'] },
};

// Werkzeug's own pages, which is what Odoo answers before its JSON error handling takes over.
function werkzeugPage(status, title, description) {
	return html(status, `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${description}</p>\n`);
}

// Real Odoo answers a JSON-2 call whose database it cannot tell (several databases and no
// X-Odoo-Database header, or an unknown one) with this HTML page, before it looks at the key.
const noDatabasePage = () =>
	html(
		404,
		'<!DOCTYPE html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>No database is selected and the requested URL was not found in the server-wide controllers.</p>\n<p>Please verify the hostname, <a href=/web/login>login</a> and try again.</p>\n',
	);

const notFoundPage = () => werkzeugPage(404, 'Not Found', 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.');

function json2Error(status, name, message, headers) {
	return json(status, odooErrorData(name, message), headers);
}

function json2(ctx, sandbox, flavour, model, method) {
	if (flavour.major < 19) return notFoundPage();
	if (ctx.method !== 'POST') {
		return json2Error(404, 'werkzeug.exceptions.NotFound', `${ctx.method} /json/2/${model}/${method} is not a route. Did you mean POST /json/2/${model}/${method}?`);
	}
	const db = ctx.headers['x-odoo-database'] ?? (flavour.databases.length === 1 ? flavour.databases[0] : undefined);
	// Odoo selects the database before authenticating. The sandbox keeps data for one database only.
	if (db !== DATABASE) return noDatabasePage();
	const token = bearerToken(ctx.headers.authorization);
	if (token !== API_KEY) {
		// A real Odoo 19.0's 401: werkzeug's Unauthorized, the status in its arguments.
		const message = token ? 'Invalid apikey' : 'User not authenticated, use an API Key with a Bearer Authorization header.';
		const data = odooErrorData('werkzeug.exceptions.Unauthorized', message);
		return json(401, { ...data, arguments: [message, 401] }, { 'www-authenticate': 'Bearer ' });
	}
	if (mediaType(ctx.headers['content-type']) !== 'application/json') {
		return werkzeugPage(415, 'Unsupported Media Type', `Did not attempt to load JSON data because the request Content-Type was not 'application/json' (got '${ctx.headers['content-type'] ?? ''}').`);
	}
	// No body at all reads as no arguments (real Odoo 19), and n8n sends none for an empty object.
	const parsed = ctx.raw.length === 0 ? { ok: true, value: {} } : ctx.json();
	if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
		return json2Error(400, 'werkzeug.exceptions.BadRequest', parsed.ok ? 'The request body must be a JSON object of named arguments.' : `Failed to decode JSON object: ${parsed.error}`);
	}
	const { ids, ...kwargs } = parsed.value;
	try {
		const result = callKw(sandbox.state.odoo, model, method, ids, [], kwargs, call(sandbox, flavour, 'json2'));
		return json(200, result);
	} catch (err) {
		if (!(err instanceof OdooError)) throw err;
		return json2Error(err.status, err.odooName, err.message);
	}
}

function call(sandbox, flavour, transport) {
	return { now: sandbox.now(), version: flavour.major, transport, failStep: sandbox.control.failStep };
}

// Odoo 19 answers JSON-RPC errors with code 0, Odoo 17 with code 200 (both HTTP 200).
function rpcError(flavour, id, name, message) {
	return json(200, { jsonrpc: '2.0', id, error: { code: flavour.major >= 19 ? 0 : 200, message: 'Odoo Server Error', data: odooErrorData(name, message) } });
}

function dbMissing(db) {
	return new OdooError(500, 'psycopg2.OperationalError', `connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  database "${db}" does not exist`);
}

function rpcDispatch(sandbox, flavour, service, method, args) {
	if (!Array.isArray(args)) throw new OdooError(500, 'builtins.TypeError', `args must be a list, got ${JSON.stringify(args)}`);
	const v = flavour.web ?? flavour.rpcVersion;
	if (service === 'common') {
		if (method === 'version') {
			return { server_version: v.version, server_version_info: v.version_info, server_serie: v.version, protocol_version: 1 };
		}
		if (method === 'login' || method === 'authenticate') {
			const [db, login, key] = args;
			if (db !== DATABASE) throw dbMissing(db);
			// A failed login is a plain `false` result, not an error.
			return login === LOGIN && key === API_KEY ? UID : false;
		}
	}
	if (service === 'db' && method === 'list') return flavour.databases;
	if (service === 'db' && method === 'server_version') return v.version;
	if (service === 'object' && (method === 'execute_kw' || method === 'execute')) {
		const [db, uid, key, model, fn] = args;
		if (db !== DATABASE) throw dbMissing(db);
		if (uid !== UID || key !== API_KEY) throw new OdooError(403, 'odoo.exceptions.AccessDenied', 'Access Denied');
		let positional = method === 'execute_kw' ? (args[5] ?? []) : args.slice(5);
		const kwargs = method === 'execute_kw' ? (args[6] ?? {}) : {};
		if (!Array.isArray(positional)) throw new OdooError(500, 'builtins.TypeError', 'execute_kw args must be a list');
		if (!kwargs || typeof kwargs !== 'object' || Array.isArray(kwargs)) throw new OdooError(500, 'builtins.TypeError', 'execute_kw kwargs must be a dict');
		let ids;
		// Legacy RPC passes record ids as the first positional argument of record-level methods.
		if (RECORD_METHODS.has(fn)) {
			ids = positional[0] ?? [];
			if (Number.isInteger(ids)) ids = [ids];
			positional = positional.slice(1);
		}
		return callKw(sandbox.state.odoo, model, fn, ids, positional, kwargs, call(sandbox, flavour, 'jsonrpc'));
	}
	throw new OdooError(500, 'builtins.NameError', `'${method}' method not found on service '${service}'`);
}

const RECORD_METHODS = new Set(['read', 'message_post', 'action_post', 'write', 'unlink']);

function jsonrpc(ctx, sandbox, flavour) {
	if (ctx.method !== 'POST') return werkzeugPage(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.');
	const parsed = ctx.json();
	if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
		return werkzeugPage(400, 'Bad Request', 'Invalid JSON data');
	}
	const { id = null, params } = parsed.value;
	if (!params || typeof params !== 'object') return rpcError(flavour, id, 'builtins.TypeError', 'Missing JSON-RPC params');
	try {
		return json(200, { jsonrpc: '2.0', id, result: rpcDispatch(sandbox, flavour, params.service, params.method, params.args) });
	} catch (err) {
		if (!(err instanceof OdooError)) throw err;
		return rpcError(flavour, id, err.odooName, err.message);
	}
}

/** ctx.path is relative to the flavour's prefix (FLAVOURS). */
export function handleOdoo(ctx, sandbox, flavour) {
	const path = ctx.path;
	if (path === '/web/version') return flavour.web && ctx.method === 'GET' ? json(200, flavour.web) : notFoundPage();
	if (path === '/jsonrpc') return jsonrpc(ctx, sandbox, flavour);
	if (path.startsWith('/json/2/')) {
		const [model, method, extra] = path.slice(8).split('/');
		if (!model || !method || extra !== undefined) return flavour.major < 19 ? notFoundPage() : json2Error(404, 'werkzeug.exceptions.NotFound', `Expected /json/2/<model>/<method>, got ${path}`);
		return json2(ctx, sandbox, flavour, safeDecode(model), safeDecode(method));
	}
	return notFoundPage();
}

function safeDecode(segment) {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** The request log must not keep the API key that legacy RPC carries in its arguments. */
export function redactOdooBody(path, body) {
	if (!path.endsWith('/jsonrpc') || !body?.params || !Array.isArray(body.params.args) || body.params.args.length < 3) return body;
	const args = body.params.args.slice();
	args[2] = '***';
	return { ...body, params: { ...body.params, args } };
}
