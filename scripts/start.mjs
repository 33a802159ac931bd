// `npm start`: a real n8n with this package installed (the Community Nodes way), the API sandbox
// and the example workflow wired to it, ready to trigger with curl. Works on a fresh clone:
// installs dev dependencies, builds and packs, installs n8n 2.8.4 once into ~/.cache (minutes).
//
// Ports (env): N8N_PORT (5678), SANDBOX_PORT (5680), N8N_RUNNERS_BROKER_PORT (5679).
// PAYOUT_NOTIFY_EXAMPLES: folder of *.workflow.json to import instead of examples/.
// State lives in .n8n-local/ (gitignored); re-running reuses it: same owner, credentials and
// workflows are updated in place. Delete .n8n-local/ to start from scratch. Ctrl-C stops everything.
//
// `npm start -- --queue`: n8n in queue mode instead (scripts/lib/n8n-queue.mjs): main on N8N_PORT,
// 2 workers and a webhook processor (payouts go there), PostgreSQL and Redis on 127.0.0.1. Each run
// starts from a fresh database in .n8n-local-queue/ (one folder per instance); Ctrl-C drops it.
//
// The stack itself is startStack() (scripts/lib/stack.mjs); this script adds the fixed ports and
// folders, the examples folder and the printout.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { SANDBOX_SECRETS } from '../sandbox/secrets.mjs';
import { activateWorkflow, portInUse, ROOT } from './lib/n8n-driver.mjs';
import { OWNER, pointAtSandbox } from './lib/sandbox-setup.mjs';
import { startStack } from './lib/stack.mjs';
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

let stack;
let stopping = false;
async function shutdown(code) {
	if (stopping) return;
	stopping = true;
	console.log('');
	if (stack) {
		step(QUEUE ? 'stopping n8n (every instance) and dropping its database and Redis keys, then the sandbox …' : 'stopping n8n and the sandbox …');
		await stack.stop();
		if (!QUEUE) rmSync(PID_FILE, { force: true });
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

	step(`checking the n8n ${N8N_VERSION} runtime (first time: installs into ~/.cache, 4-7 minutes) …`);
	const runtime = ensureRuntime(N8N_VERSION);

	if (!QUEUE) await stopStaleN8n();
	for (const [port, env] of [[N8N_PORT, 'N8N_PORT'], [BROKER_PORT, 'N8N_RUNNERS_BROKER_PORT']]) {
		if (await portInUse(port)) throw new Error(`port ${port} is in use (another n8n or npm start?); stop it or set ${env}`);
	}
	if (QUEUE) rmSync(QUEUE_FOLDER, { recursive: true, force: true });
	stack = await startStack({
		runtime,
		folder: QUEUE ? QUEUE_FOLDER : USER_FOLDER,
		queue: QUEUE ? {} : false,
		port: N8N_PORT,
		brokerPort: BROKER_PORT,
		sandboxPort: SANDBOX_PORT,
		reuseSandbox: true,
		log: step,
	});
	if (!QUEUE) writeFileSync(PID_FILE, String(stack.n8n.pid));
	stack.exited.then((e) => {
		if (stopping) return;
		step(`n8n exited on its own (${JSON.stringify(e)}); see ${QUEUE ? '.n8n-local-queue/main/n8n.log' : '.n8n-local/n8n.log'}`);
		shutdown(1);
	});
	const { sandbox, webhookUrl } = stack;

	// Error workflows first: the others get the first one as their settings.errorWorkflow (an id n8n gives on import).
	const isErrorWorkflow = (json) => (json.nodes ?? []).some((n) => n.type === 'n8n-nodes-base.errorTrigger');
	const examples = exampleWorkflows().sort((a, b) => isErrorWorkflow(b.json) - isErrorWorkflow(a.json));
	const ready = [];
	let errorWorkflowId;
	for (const { file, json } of examples) {
		let workflow = pointAtSandbox(json, sandbox.url);
		if (errorWorkflowId && !isErrorWorkflow(json) && !workflow.settings?.errorWorkflow) {
			workflow = { ...workflow, settings: { ...workflow.settings, errorWorkflow: errorWorkflowId } };
		}
		const saved = await stack.importWorkflow(workflow, { update: true, requireCredentials: false });
		({ workflow } = saved);
		step(`${saved.created ? 'imported' : 'updated'} ${file} as "${workflow.name}" (id ${saved.id})`);
		for (const m of saved.missing) step(`  WARNING: node "${m.node}" needs a ${m.type} credential that could not be created`);
		try {
			await activateWorkflow(stack.api, saved.id);
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
	console.log(`n8n editor   ${stack.url}`);
	console.log(`login        ${OWNER.email} / ${OWNER.password}`);
	if (QUEUE) console.log(`webhooks     ${webhookUrl}/webhook/…   (the webhook processor; 2 workers run the executions)`);
	console.log(`sandbox      ${sandbox.url}/   (messages sent to Odoo, Harasocial, Onebox; Stripe transfers)`);
	console.log(`             ${sandbox.url}/_sandbox/requests   (request log, JSON)`);
	for (const { workflow, id, hook } of ready) {
		console.log(`\nworkflow     "${workflow.name}"   ${stack.url}/workflow/${id}`);
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
