// A driver for a real n8n, knowing nothing of this project's sandbox (scripts/lib/sandbox-setup.mjs
// holds that): pack a package, install it the way n8n's Community Nodes screen does, start n8n
// quietly on 127.0.0.1, set up the owner, talk to n8n's internal REST API and read its saved
// executions. Node built-ins only.
//
// Verified against n8n 2.8.4 (Node 20) and 2.15.1 (Node 24); see the notes at each function.
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { ensureRuntime } from '../runtime.mjs';

/** This repository: the package packPackage() packs unless told another root. */
export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

// ---------------------------------------------------------------------------------------------
// small helpers

function run(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		execFile(command, args, { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', ...options }, (error, stdout, stderr) => {
			if (error) {
				const output = `${stdout ?? ''}${stderr ?? ''}`.trim();
				error.message = `${command} ${args.join(' ')} failed (exit ${error.code}):\n${output.split('\n').slice(-40).join('\n')}`;
				error.output = output;
				reject(error);
			} else resolve({ stdout, stderr });
		});
	});
}

const lcfirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);

/** A free TCP port on 127.0.0.1 (asks the OS for one, then releases it). */
export function freePort(host = '127.0.0.1') {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, host, () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Whether something already listens on host:port. */
export function portInUse(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(true));
		server.listen(port, host, () => server.close(() => resolve(false)));
	});
}

function tail(file, lines = 40) {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

// ---------------------------------------------------------------------------------------------
// pack and install

/**
 * `npm run build`, then `npm pack` into a fresh temp folder (or `destination`).
 * Resolves to the tarball's absolute path. Build output is only shown when the build fails.
 */
export async function packPackage({ root = ROOT, destination, build = true } = {}) {
	if (build) await run('npm', ['run', 'build'], { cwd: root });
	const dir = destination ?? mkdtempSync(join(tmpdir(), 'payout-notify-tgz-'));
	mkdirSync(dir, { recursive: true });
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root });
	const [packed] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	return join(dir, packed.filename);
}

/**
 * What the package declares to n8n: node and credential type names derived from the file names
 * listed under package.json `n8n` (n8n's lint requires file name = description.name).
 */
export function declaredTypes(packageJson) {
	const nodes = (packageJson.n8n?.nodes ?? []).map((f) => `${packageJson.name}.${lcfirst(basename(f, '.node.js'))}`);
	const credentials = (packageJson.n8n?.credentials ?? []).map((f) => lcfirst(basename(f, '.credentials.js')));
	return { nodes, credentials };
}

/**
 * Installs a tarball into `<userFolder>/.n8n/nodes` exactly as n8n's Community Nodes screen does
 * (n8n 2.8.4/2.15.1 CommunityPackagesService.downloadPackage): unpack into
 * node_modules/<name> (strip the `package/` folder), drop dev/peer/optional dependencies from its
 * package.json, `npm install --ignore-scripts=true --install-strategy=shallow --bin-links=false
 * --package-lock=false` inside it, and record `dependencies[<name>] = <version>` in
 * `.n8n/nodes/package.json`. (n8n also writes an `installed_packages` row to its database, which
 * only feeds the Settings > Community Nodes list; n8n loads every `n8n-nodes-*` folder there.)
 * Call it while n8n is stopped.
 *
 * Resolves to { name, version, directory, nodeTypes, credentialTypes }.
 */
export async function installPackage({ userFolder, tarball }) {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const rootJsonPath = join(nodesDir, 'package.json');
	if (!existsSync(rootJsonPath)) {
		writeFileSync(rootJsonPath, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2), 'utf8');
	}
	const { stdout: manifest } = await run('tar', ['-xzOf', tarball, 'package/package.json']);
	const { name } = JSON.parse(manifest);
	const directory = join(nodesDir, 'node_modules', name);
	rmSync(directory, { recursive: true, force: true });
	mkdirSync(directory, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', directory, '--strip-components=1']);

	const pkgPath = join(directory, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(readFileSync(pkgPath, 'utf8'));
	writeFileSync(pkgPath, JSON.stringify(packageJson, null, 2), 'utf8');
	await run('npm', ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'], {
		cwd: directory,
		env: { ...process.env, npm_config_update_notifier: 'false', npm_config_loglevel: 'error' },
	});

	const rootJson = JSON.parse(readFileSync(rootJsonPath, 'utf8'));
	rootJson.dependencies = { ...(rootJson.dependencies ?? {}), [name]: packageJson.version };
	writeFileSync(rootJsonPath, JSON.stringify(rootJson, null, 2), 'utf8');

	const { nodes, credentials } = declaredTypes(packageJson);
	return { name, version: packageJson.version, directory, nodeTypes: nodes, credentialTypes: credentials };
}

// ---------------------------------------------------------------------------------------------
// start and stop n8n

/** The env that keeps n8n quiet, local and offline (shared/reference/n8n.md). */
export function n8nEnv({ userFolder, port, brokerPort, env = {} }) {
	const base = {};
	// Inherited N8N_*/DB_*/QUEUE_* settings (a developer's shell) must not change what we start.
	for (const [k, v] of Object.entries(process.env)) if (!/^(N8N_|DB_|QUEUE_|EXECUTIONS_MODE$|WEBHOOK_URL$|GENERIC_TIMEZONE$)/.test(k)) base[k] = v;
	return {
		...base,
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: 'info',
		GENERIC_TIMEZONE: 'UTC',
		...env,
	};
}

const running = new Set();
let exitHookInstalled = false;
function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// Last resort: never leave an n8n behind when the calling script dies.
	process.on('exit', () => {
		for (const child of running) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* already gone */
			}
		}
	});
}

/**
 * Spawns `n8n start` (or `command`, e.g. ['worker', '--concurrency=10'] in queue mode) with the runtime's node binary in its own process group, output appended to
 * `<userFolder>/n8n.log` (a file, never a pipe: n8n spins at 100% CPU when its pipe closes).
 * runtime: a version ('2.8.4', '2.15.1') or an ensureRuntime() result.
 * Waits until each of `readyPaths` answers 200 on the port (default: /healthz/readiness and
 * /rest/settings; workflows may still be activating then).
 * Resolves to { url, port, brokerPort, logFile, pid, version, stop(), exited }; stop() sends SIGTERM
 * to the group, waits for exit (SIGKILL after `stopTimeoutMs`) and is idempotent; `exited` is a
 * promise of { code, signal } for when n8n ends on its own.
 */
export async function startN8n({
	runtime,
	userFolder,
	port,
	brokerPort,
	env = {},
	logFile,
	command = ['start'],
	readyPaths = ['/healthz/readiness', '/rest/settings'],
	readyTimeoutMs = 180_000,
	stopTimeoutMs = 20_000,
}) {
	const rt = typeof runtime === 'string' ? ensureRuntime(runtime) : runtime;
	mkdirSync(userFolder, { recursive: true });
	port ??= await freePort();
	brokerPort ??= await freePort();
	for (const p of [port, brokerPort]) if (await portInUse(p)) throw new Error(`port ${p} on 127.0.0.1 is already in use (is another n8n running?)`);
	logFile ??= join(userFolder, 'n8n.log');
	const fd = openSync(logFile, 'a');
	writeFileSync(fd, `\n===== ${new Date().toISOString()} n8n ${rt.version} ${command.join(' ')} on 127.0.0.1:${port} (broker ${brokerPort})\n`);
	const child = spawn(rt.nodeBin, [rt.n8nBin, ...command], {
		cwd: userFolder,
		env: n8nEnv({ userFolder, port, brokerPort, env: { ...rt.env, ...env } }),
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	closeSync(fd);
	installExitHook();
	running.add(child);
	let exited = null;
	const exit = new Promise((resolve) => {
		child.once('exit', (code, signal) => {
			exited = { code, signal };
			running.delete(child);
			resolve(exited);
		});
		child.once('error', (err) => {
			exited = { code: null, signal: null, error: err };
			running.delete(child);
			resolve(exited);
		});
	});

	let stopping;
	const stop = () => {
		stopping ??= (async () => {
			if (exited) return exited;
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				/* gone */
			}
			const timer = delay(stopTimeoutMs, undefined, { ref: false }).then(() => 'timeout');
			if ((await Promise.race([exit, timer])) === 'timeout') {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					/* gone */
				}
				await exit;
			}
			// The task runner is in the same group; make sure nothing of it lingers.
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
			return exited;
		})();
		return stopping;
	};

	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + readyTimeoutMs;
	// /healthz/readiness turns 200 once the database is migrated, which is before n8n mounts its
	// /rest routes (a POST /rest/owner/setup then gets Express's 404): wait for both.
	for (const path of readyPaths) {
		for (;;) {
			if (exited) throw new Error(`n8n ${rt.version} exited during start (${JSON.stringify(exited)}); log ${logFile}:\n${tail(logFile)}`);
			try {
				const res = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(5000) });
				await res.arrayBuffer();
				if (res.status === 200) break;
			} catch {
				/* not listening yet */
			}
			if (Date.now() > deadline) {
				await stop();
				throw new Error(`n8n ${rt.version} not ready (${path}) after ${readyTimeoutMs / 1000}s; log ${logFile}:\n${tail(logFile)}`);
			}
			await delay(250);
		}
	}
	return { url, port, brokerPort, logFile, pid: child.pid, version: rt.version, stop, exited: exit };
}

// ---------------------------------------------------------------------------------------------
// REST API

export class RestError extends Error {
	constructor(method, path, status, body) {
		const message = typeof body === 'object' && body ? (body.message ?? JSON.stringify(body)) : String(body).slice(0, 300);
		super(`${method} ${path} -> ${status}: ${message}`);
		this.status = status;
		this.body = body;
	}
}

async function request(url, method, path, { cookie, body, headers = {} } = {}) {
	const res = await fetch(`${url}${path}`, {
		method,
		headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}), ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(60_000),
	});
	const text = await res.text();
	let parsed = text;
	try {
		parsed = text ? JSON.parse(text) : null;
	} catch {
		/* not JSON */
	}
	return { res, body: parsed };
}

function authCookie(res) {
	const cookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie') ?? ''];
	const auth = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	if (!auth) throw new Error('n8n set no n8n-auth cookie');
	return auth;
}

/** POST /rest/login; resolves to the `n8n-auth=…` cookie. */
export async function login(url, { email, password }) {
	const { res, body } = await request(url, 'POST', '/rest/login', { body: { emailOrLdapLoginId: email, password } });
	if (!res.ok) throw new RestError('POST', '/rest/login', res.status, body);
	return authCookie(res);
}

/**
 * POST /rest/owner/setup (skipped when the instance already has an owner), then POST /rest/login.
 * Resolves to the auth cookie. Same endpoints and payloads on 2.8.4 and 2.15.1.
 */
export async function setupOwner(url, owner) {
	const { res, body } = await request(url, 'POST', '/rest/owner/setup', {
		body: { email: owner.email, firstName: owner.firstName, lastName: owner.lastName, password: owner.password },
	});
	if (!res.ok && !(res.status === 400 && /already/i.test(JSON.stringify(body)))) throw new RestError('POST', '/rest/owner/setup', res.status, body);
	return login(url, owner);
}

/**
 * A client for n8n's internal /rest API: `api(method, path, body)` plus api.get/post/patch/delete.
 * Unwraps n8n's `{ data }` envelope; list endpoints that answer `{ count, data }` come back whole.
 * Throws RestError (with .status and .body) on a non-2xx answer.
 */
export function rest(url, cookie) {
	const api = async (method, path, body) => {
		const full = path.startsWith('/rest/') ? path : `/rest${path.startsWith('/') ? '' : '/'}${path}`;
		const { res, body: parsed } = await request(url, method, full, { cookie, body });
		if (!res.ok) throw new RestError(method, full, res.status, parsed);
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'data' in parsed && Object.keys(parsed).length === 1) return parsed.data;
		return parsed;
	};
	api.get = (path) => api('GET', path);
	api.post = (path, body = {}) => api('POST', path, body);
	api.patch = (path, body = {}) => api('PATCH', path, body);
	api.delete = (path) => api('DELETE', path);
	api.url = url;
	api.cookie = cookie;
	return api;
}

const listOf = (r) => (Array.isArray(r) ? r : (r?.data ?? []));

/**
 * Creates the credential, or updates the one with the same name and type (so re-runs do not
 * duplicate). Resolves to { id, name, type }.
 */
export async function upsertCredential(api, { name, type, data }) {
	const existing = listOf(await api.get('/credentials')).find((c) => c.name === name && c.type === type);
	if (existing) {
		await api.patch(`/credentials/${existing.id}`, { name, type, data });
		return { id: existing.id, name, type };
	}
	const created = await api.post('/credentials', { name, type, data });
	return { id: created.id, name, type };
}

/**
 * Upserts each credential; one whose type n8n does not know (a node not built yet) is skipped.
 * Resolves to { created: [{id, name, type}], skipped: [{name, type, reason}] }.
 */
export async function upsertCredentials(api, list) {
	const created = [];
	const skipped = [];
	for (const c of list) {
		try {
			created.push(await upsertCredential(api, c));
		} catch (err) {
			if (!(err instanceof RestError)) throw err;
			skipped.push({ name: c.name, type: c.type, reason: err.message });
		}
	}
	return { created, skipped };
}

/**
 * Points every node's credentials at the given ones, by credential type: an entry whose name
 * matches a given credential of that type gets that one, otherwise the first of its type.
 * HTTP Request nodes set to a generic `httpHeaderAuth` without a credentials entry get one.
 * Returns a new workflow object; `missing` lists node/type pairs nothing was found for.
 */
export function wireCredentials(workflow, credentials) {
	const byType = new Map();
	for (const c of credentials) {
		if (!byType.has(c.type)) byType.set(c.type, []);
		byType.get(c.type).push(c);
	}
	const missing = [];
	const nodes = (workflow.nodes ?? []).map((node) => {
		const entries = { ...(node.credentials ?? {}) };
		const generic = node.parameters?.authentication === 'genericCredentialType' ? node.parameters?.genericAuthType : undefined;
		if (generic && !entries[generic]) entries[generic] = { id: '', name: '' };
		for (const [type, ref] of Object.entries(entries)) {
			const candidates = byType.get(type) ?? [];
			const pick = candidates.find((c) => c.name === ref?.name) ?? candidates[0];
			if (pick) entries[type] = { id: String(pick.id), name: pick.name };
			else missing.push({ node: node.name, type });
		}
		return Object.keys(entries).length ? { ...node, credentials: entries } : node;
	});
	return { workflow: { ...workflow, nodes }, missing };
}

// Fields n8n's POST /rest/workflows accepts from an exported workflow file.
function workflowBody(workflow) {
	const { name, nodes, connections, settings, staticData, pinData, meta } = workflow;
	const body = { name, nodes, connections, settings: settings ?? { executionOrder: 'v1' } };
	if (staticData) body.staticData = staticData;
	if (pinData) body.pinData = pinData;
	if (meta) body.meta = meta;
	return body;
}

/**
 * Creates the workflow (n8n assigns the id), or, with `update: true`, updates the one with the same
 * name. The JSON's own id/active/versionId are ignored. Resolves to { id, versionId, created }.
 */
export async function saveWorkflow(api, workflow, { update = false } = {}) {
	const body = workflowBody(workflow);
	if (update) {
		const existing = listOf(await api.get(`/workflows?filter=${encodeURIComponent(JSON.stringify({ name: workflow.name }))}`)).find(
			(w) => w.name === workflow.name && !w.isArchived,
		);
		if (existing) {
			const current = await api.get(`/workflows/${existing.id}`);
			const saved = await api.patch(`/workflows/${existing.id}`, { ...body, versionId: current.versionId });
			return { id: existing.id, versionId: saved.versionId, created: false };
		}
	}
	// n8n 1.x stores `active` with every workflow and has no default for it; 2.x ignores it here.
	const saved = await api.post('/workflows', { ...body, active: false });
	return { id: saved.id, versionId: saved.versionId, created: true };
}

/**
 * Activates ("publishes") the workflow's current version: POST /rest/workflows/:id/activate with
 * { versionId }. Both 2.8.4 and 2.15.1 have this endpoint (2.x keeps a draft and an active
 * version; PATCH with `active: true` no longer activates). n8n registers the webhooks before it
 * answers, and answers 400 with the reason when the workflow cannot be activated.
 */
export async function activateWorkflow(api, id) {
	const current = await api.get(`/workflows/${id}`);
	let activated;
	try {
		activated = await api.post(`/workflows/${id}/activate`, { versionId: current.versionId });
	} catch (err) {
		// n8n 1.x has no activate endpoint: a workflow is activated by saving it with active: true.
		if (!(err instanceof RestError && err.status === 404)) throw err;
		activated = await api.patch(`/workflows/${id}`, { active: true, versionId: current.versionId });
	}
	if (!activated.active && !activated.activeVersionId) throw new Error(`workflow ${id} is not active after activation`);
	return activated;
}

/**
 * POSTs a JSON body to a production webhook (`/webhook/<path>`). Retries 404s for `waitMs`
 * (workflows that were active before a restart register a little after /healthz/readiness).
 * Resolves to { status, body, headers }.
 */
export async function callWebhook(url, path, body, { method = 'POST', waitMs = 15_000, prefix = 'webhook', headers = {} } = {}) {
	const deadline = Date.now() + waitMs;
	for (;;) {
		const res = await fetch(`${url}/${prefix}/${path.replace(/^\//, '')}`, {
			method,
			headers: { 'content-type': 'application/json', ...headers },
			body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
			signal: AbortSignal.timeout(120_000),
		});
		const text = await res.text();
		if (res.status === 404 && Date.now() < deadline) {
			await delay(500);
			continue;
		}
		let parsed = text;
		try {
			parsed = text ? JSON.parse(text) : null;
		} catch {
			/* not JSON */
		}
		return { status: res.status, body: parsed, headers: Object.fromEntries(res.headers) };
	}
}

/** Lists executions (GET /rest/executions), newest first. */
export async function executions(api, { workflowId, limit = 20 } = {}) {
	const filter = workflowId ? `&filter=${encodeURIComponent(JSON.stringify({ workflowId: String(workflowId) }))}` : '';
	const r = await api.get(`/executions?limit=${limit}${filter}`);
	return r?.results ?? r?.data?.results ?? listOf(r);
}

/** n8n stores run data with `flatted`; use the copy n8n itself ships. */
export function flattedOf(runtime) {
	const require = createRequire(join(runtime.home, 'node_modules', 'n8n', 'package.json'));
	return require('flatted');
}

/**
 * Waits until execution `id` is finished and saved; resolves to { status, runData, error }.
 * GET /rest/executions/:id answers the run data as a flatted string.
 */
export async function readExecution(api, id, flatted, { timeoutMs = 120_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		let execution;
		try {
			execution = await api.get(`/executions/${id}`);
		} catch (err) {
			// 404: not saved yet; 503 "Database is not ready": n8n's health check under load.
			if (!(err.status === 404 || err.status >= 500) || Date.now() > deadline) throw err;
		}
		if (execution && execution.status !== 'running' && execution.status !== 'new' && execution.data) {
			const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
			return { status: execution.status, runData: data.resultData?.runData ?? {}, error: data.resultData?.error };
		}
		if (Date.now() > deadline) throw new Error(`execution ${id} not finished after ${timeoutMs / 1000}s (status ${execution?.status})`);
		await delay(200);
	}
}

/** The newest execution of a workflow, once it has finished (for webhooks that answer at once). */
export async function latestExecutionId(api, workflowId, { after = 0, timeoutMs = 180_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		let list = [];
		try {
			list = await executions(api, { workflowId, limit: 5 });
		} catch (err) {
			if (!(err.status >= 500) || Date.now() > deadline) throw err;
		}
		const newest = list.find((e) => Number(e.id) > after);
		if (newest && newest.status !== 'running' && newest.status !== 'new') return newest.id;
		if (Date.now() > deadline) throw new Error(`no finished execution of workflow ${workflowId} after ${timeoutMs / 1000}s`);
		await delay(250);
	}
}
