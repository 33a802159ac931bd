// `npm start`: a real n8n with this package installed (the Community Nodes way), the API sandbox
// and the example workflow wired to it, ready to trigger with curl. Works on a fresh clone:
// installs dev dependencies, builds and packs, installs n8n 2.8.4 once into ~/.cache (minutes).
//
// Ports (env): N8N_PORT (5678), SANDBOX_PORT (5680), N8N_RUNNERS_BROKER_PORT (5679).
// PAYOUT_NOTIFY_EXAMPLES: folder of *.workflow.json to import instead of examples/.
// State lives in .n8n-local/ (gitignored); re-running reuses it: same owner, credentials and
// workflows are updated in place. Delete .n8n-local/ to start from scratch. Ctrl-C stops everything.
//
// `npm start -- --queue`: n8n in queue mode instead (scripts/queue.mjs): main on N8N_PORT, 2 workers
// and a webhook processor (payouts go there), PostgreSQL and Redis on 127.0.0.1. Each run starts
// from a fresh database in .n8n-local-queue/ (one folder per instance); Ctrl-C drops it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { SANDBOX_SECRETS } from '../sandbox/secrets.mjs';
import { startSandbox } from '../sandbox/server.mjs';
import {
	activateWorkflow,
	installPackage,
	pointAtSandbox,
	OWNER,
	packPackage,
	portInUse,
	rest,
	ROOT,
	sandboxCredentials,
	saveWorkflow,
	setupOwner,
	startN8n,
	upsertCredentials,
	wireCredentials,
} from './n8n.mjs';
import { startQueueStack } from './queue.mjs';
import { ensureRuntime } from './runtime.mjs';

const N8N_VERSION = '2.8.4';
const intEnv = (name, fallback) => {
	const v = process.env[name];
	if (v === undefined || v === '') return fallback;
	const n = Number(v);
	if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new Error(`${name} must be a port number, got ${v}`);
	return n;
};
const N8N_PORT = intEnv('N8N_PORT', 5678);
const SANDBOX_PORT = intEnv('SANDBOX_PORT', 5680);
const BROKER_PORT = intEnv('N8N_RUNNERS_BROKER_PORT', 5679);
const USER_FOLDER = join(ROOT, '.n8n-local');
const PID_FILE = join(USER_FOLDER, 'n8n.pid');
const QUEUE = process.argv.slice(2).includes('--queue');
const QUEUE_FOLDER = join(ROOT, '.n8n-local-queue');

const started = Date.now();
const step = (m) => console.log(`[start ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${m}`);

let n8n;
let sandbox;
let stopping = false;
async function shutdown(code) {
	if (stopping) return;
	stopping = true;
	console.log('');
	if (n8n) {
		step(QUEUE ? 'stopping n8n (every instance) and dropping its database and Redis keys …' : 'stopping n8n …');
		await n8n.stop();
		if (!QUEUE) rmSync(PID_FILE, { force: true });
	}
	if (sandbox) {
		step('stopping the sandbox …');
		await sandbox.close();
	}
	step('stopped');
	process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

// An n8n left running by an earlier `npm start` that was killed hard (n8n runs in its own process
// group, so it survives a SIGKILL of this script): stop it by the pid this script recorded.
async function stopStaleN8n() {
	if (!existsSync(PID_FILE)) return;
	const pid = Number(readFileSync(PID_FILE, 'utf8'));
	rmSync(PID_FILE, { force: true });
	let cmdline = '';
	try {
		cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
	} catch {
		return; // not running any more
	}
	if (!Number.isInteger(pid) || pid <= 1 || !/n8n\/bin\/n8n start/.test(cmdline)) return;
	step(`stopping the n8n (pid ${pid}) an earlier npm start left running …`);
	try {
		process.kill(-pid, 'SIGTERM');
	} catch {
		return;
	}
	for (let i = 0; i < 80 && existsSync(`/proc/${pid}`); i++) await delay(250);
	try {
		process.kill(-pid, 'SIGKILL');
	} catch {
		/* gone */
	}
}

async function ensureSandbox() {
	if (await portInUse(SANDBOX_PORT)) {
		// A sandbox someone started by hand (node sandbox/server.mjs --port 5680) is fine to reuse.
		const url = `http://127.0.0.1:${SANDBOX_PORT}`;
		const res = await fetch(`${url}/_sandbox/secrets`).catch(() => null);
		if (res?.ok) {
			step(`reusing the sandbox already running at ${url} (not started by this script, so not stopped by it)`);
			return { url, close: async () => {} };
		}
		throw new Error(`port ${SANDBOX_PORT} is in use by something that is not the sandbox; set SANDBOX_PORT to another port`);
	}
	return startSandbox({ port: SANDBOX_PORT });
}

// PAYOUT_NOTIFY_EXAMPLES: another folder of *.workflow.json (for trying a workflow before committing it).
function exampleWorkflows() {
	const dir = process.env.PAYOUT_NOTIFY_EXAMPLES || join(ROOT, 'examples');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.workflow.json'))
		.sort()
		.map((f) => ({ file: join(dir, f).replace(`${ROOT}/`, ''), json: JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
}

const today = () => new Date().toISOString().slice(0, 10);
const shellQuote = (s) => `'${s.replace(/'/g, "'\\''")}'`;

function webhookOf(workflow) {
	const hook = (workflow.nodes ?? []).find((n) => n.type === 'n8n-nodes-base.webhook' && !n.disabled);
	if (!hook) return null;
	return { path: String(hook.parameters?.path ?? hook.webhookId ?? '').replace(/^\//, ''), method: hook.parameters?.httpMethod ?? 'GET' };
}

async function main() {
	if (!existsSync(join(ROOT, 'node_modules', '.bin', 'tsc'))) {
		step('node_modules missing: npm ci --ignore-scripts (first run only)');
		const r = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
		if (r.status !== 0) throw new Error('npm ci failed');
	}

	step('building and packing the package (npm run build, npm pack) …');
	const tarball = await packPackage();

	step(`checking the n8n ${N8N_VERSION} runtime (first time: installs into ~/.cache, 4-7 minutes) …`);
	const runtime = ensureRuntime(N8N_VERSION);

	if (!QUEUE) await stopStaleN8n();
	for (const [port, env] of [[N8N_PORT, 'N8N_PORT'], [BROKER_PORT, 'N8N_RUNNERS_BROKER_PORT']]) {
		if (await portInUse(port)) throw new Error(`port ${port} is in use (another n8n or npm start?); stop it or set ${env}`);
	}

	let webhookUrl;
	if (QUEUE) {
		sandbox = await ensureSandbox();
		step(`sandbox (fake Odoo, Stripe, Harasocial, Onebox) at ${sandbox.url}`);
		step(`starting n8n ${N8N_VERSION} in queue mode: main on http://127.0.0.1:${N8N_PORT}, then 2 workers and a webhook processor, each with the package (folders and logs: .n8n-local-queue/<instance>/) …`);
		rmSync(QUEUE_FOLDER, { recursive: true, force: true });
		const stack = await startQueueStack({ runtime, tarball, folder: QUEUE_FOLDER, mainPort: N8N_PORT, log: (m) => step(`  ${m}`) });
		rmSync(dirname(tarball), { recursive: true, force: true });
		step(`  database ${stack.database}, Redis key prefix ${stack.prefix}`);
		n8n = { url: stack.url, exited: stack.main.exited, stop: () => stack.stop() };
		webhookUrl = stack.webhookUrl;
	} else {
		step(`installing ${tarball.split('/').pop()} into .n8n-local/.n8n/nodes (as n8n's Community Nodes screen does) …`);
		await installPackage({ userFolder: USER_FOLDER, tarball });
		rmSync(dirname(tarball), { recursive: true, force: true });

		sandbox = await ensureSandbox();
		step(`sandbox (fake Odoo, Stripe, Harasocial, Onebox) at ${sandbox.url}`);

		step(`starting n8n ${N8N_VERSION} on http://127.0.0.1:${N8N_PORT} (log: .n8n-local/n8n.log) …`);
		n8n = await startN8n({ runtime, userFolder: USER_FOLDER, port: N8N_PORT, brokerPort: BROKER_PORT });
		writeFileSync(PID_FILE, String(n8n.pid));
		webhookUrl = n8n.url;
	}
	n8n.exited.then((e) => {
		if (stopping) return;
		step(`n8n exited on its own (${JSON.stringify(e)}); see ${QUEUE ? '.n8n-local-queue/main/n8n.log' : '.n8n-local/n8n.log'}`);
		shutdown(1);
	});

	let cookie;
	try {
		cookie = await setupOwner(n8n.url);
	} catch (err) {
		throw new Error(`cannot log in as ${OWNER.email} (${err.message}). If you changed the owner in .n8n-local, delete .n8n-local/ to start over.`);
	}
	const api = rest(n8n.url, cookie);

	const { created, skipped } = await upsertCredentials(api, sandboxCredentials(sandbox.url));
	step(`credentials: ${created.map((c) => `"${c.name}"`).join(', ')}`);
	for (const s of skipped) step(`  skipped "${s.name}" (${s.type}): ${s.reason}`);

	// Error workflows first: the others get the first one as their settings.errorWorkflow (an id n8n gives on import).
	const isErrorWorkflow = (json) => (json.nodes ?? []).some((n) => n.type === 'n8n-nodes-base.errorTrigger');
	const examples = exampleWorkflows().sort((a, b) => isErrorWorkflow(b.json) - isErrorWorkflow(a.json));
	const ready = [];
	let errorWorkflowId;
	for (const { file, json } of examples) {
		const wired = wireCredentials(pointAtSandbox(json, sandbox.url), created);
		const { missing } = wired;
		let { workflow } = wired;
		if (errorWorkflowId && !isErrorWorkflow(json) && !workflow.settings?.errorWorkflow) {
			workflow = { ...workflow, settings: { ...workflow.settings, errorWorkflow: errorWorkflowId } };
		}
		const saved = await saveWorkflow(api, workflow, { update: true });
		step(`${saved.created ? 'imported' : 'updated'} ${file} as "${workflow.name}" (id ${saved.id})`);
		for (const m of missing) step(`  WARNING: node "${m.node}" needs a ${m.type} credential that could not be created`);
		try {
			await activateWorkflow(api, saved.id);
			step('  activated');
			if (isErrorWorkflow(json)) errorWorkflowId ??= saved.id;
			else if (workflow.settings?.errorWorkflow) step(`  error workflow: ${workflow.settings.errorWorkflow}`);
			ready.push({ workflow, id: saved.id, hook: webhookOf(workflow) });
		} catch (err) {
			step(`  NOT activated: ${err.message}`);
		}
	}

	const line = '─'.repeat(78);
	console.log(`\n${line}`);
	console.log(`n8n editor   ${n8n.url}`);
	console.log(`login        ${OWNER.email} / ${OWNER.password}`);
	if (QUEUE) console.log(`webhooks     ${webhookUrl}/webhook/…   (the webhook processor; 2 workers run the executions)`);
	console.log(`sandbox      ${sandbox.url}/   (messages sent to Odoo, Harasocial, Onebox; Stripe transfers)`);
	console.log(`             ${sandbox.url}/_sandbox/requests   (request log, JSON)`);
	for (const { workflow, id, hook } of ready) {
		console.log(`\nworkflow     "${workflow.name}"   ${n8n.url}/workflow/${id}`);
		if (!hook) continue;
		const body = {
			partner_ref: 'RH-0007',
			reference: 'PAY-2026-0042',
			date: today(),
			amount: 125.5,
			currency: 'EUR',
			payout_link: 'https://pay.example.com/status/PAY-2026-0042',
			facebook_psid: '2560816460648749',
			onebox_to: 'ada@example.com',
		};
		console.log('trigger a payout:');
		console.log(`  curl -sS -X ${hook.method} ${webhookUrl}/webhook/${hook.path} \\\n    -H 'Content-Type: application/json' \\\n    -H ${shellQuote(`${SANDBOX_SECRETS.webhook.header}: ${SANDBOX_SECRETS.webhook.token}`)} \\\n    -d ${shellQuote(JSON.stringify(body))}`);
	}
	console.log(`${line}\nCtrl-C stops n8n and the sandbox.`);
}

main().catch(async (err) => {
	console.error(`\nnpm start failed: ${err.message}`);
	await shutdown(1);
});
