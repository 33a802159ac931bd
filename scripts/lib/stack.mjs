// The one start-up of a real n8n with this package that `npm start`, the bench and the real-n8n,
// queue and browser suites share: pack -> install (the Community Nodes way) -> sandbox -> n8n (one
// process, or main + workers + webhook processor in queue mode) -> owner -> sandbox credentials
// -> workflows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';

import { ensureRuntime } from '../runtime.mjs';
import { activateWorkflow, callWebhook, installPackage, packPackage, rest, ROOT, saveWorkflow, setupOwner, startN8n, upsertCredentials, wireCredentials } from './n8n-driver.mjs';
import { startQueueStack } from './n8n-queue.mjs';
import { ensureSandbox, exampleFor, OWNER, sandboxCredentials, WEBHOOK_AUTH } from './sandbox-setup.mjs';

const shown = (path) => (path.startsWith(`${ROOT}/`) ? relative(ROOT, path) : path);

/**
 * Options:
 *   runtime      a scripts/runtime.mjs name ('2.8.4') or an ensureRuntime() result
 *   tarball      the packed package; without it the package is built and packed here (and the
 *                tarball removed once installed)
 *   folder       n8n's user folder (queue mode: one subfolder per instance). Without it, a temp
 *                folder `payout-notify-<name>-*` that stop() removes unless asked to keep it
 *   queue        false, or startQueueStack's options: { workers, webhooks, concurrency, tuning, withoutPackage }
 *   port, brokerPort, env   n8n's port (in queue mode main's), task-broker port, extra env
 *   sandbox      a running sandbox ({ url }) to use and leave running; otherwise one is started on
 *                `sandboxPort` (0: any free port), reusing one already there with `reuseSandbox`
 *   example      false, or { activate }: import examples/royalties-payout.workflow.json pointed at
 *                the sandbox (stack.example: { id, workflow, path })
 *   workflows    [{ json, activate }] imported after it (a missing credential throws)
 *   log          progress messages
 *
 * Resolves to { url, webhookUrl, owner, runtime, n8n, queue, sandbox, api, cookie, credentials,
 * skipped, installed, example, workflows, folder, exited, importWorkflow, callWebhook, restart, stop }.
 * `n8n` is the single process's startN8n handle (queue mode: main's), `queue` startQueueStack's.
 * On a failure everything started is stopped and the folder kept (error.folder says where).
 */
export async function startStack({
	runtime: runtimeName,
	tarball,
	folder,
	name = 'stack',
	queue = false,
	port,
	brokerPort,
	env = {},
	sandbox,
	sandboxPort = 0,
	reuseSandbox = false,
	example = false,
	workflows = [],
	log = () => {},
}) {
	const runtime = typeof runtimeName === 'string' ? ensureRuntime(runtimeName) : runtimeName;
	const tempFolder = !folder;
	folder ??= mkdtempSync(join(tmpdir(), `payout-notify-${name}-`));
	const ownSandbox = !sandbox;
	const stack = { owner: OWNER, runtime, folder, queue: null, n8n: null, sandbox: null, installed: null };

	const stopProcesses = async ({ keepData = false } = {}) => {
		if (stack.queue) await stack.queue.stop({ keepData });
		else if (stack.n8n) await stack.n8n.stop();
		if (ownSandbox && stack.sandbox) await stack.sandbox.close();
	};
	const login = async () => {
		try {
			stack.cookie = await setupOwner(stack.url, OWNER);
		} catch (err) {
			throw new Error(`cannot log in as ${OWNER.email} (${err.message}). If ${shown(folder)} was set up with another owner, delete it to start over.`);
		}
		stack.api = rest(stack.url, stack.cookie);
	};

	/**
	 * Saves the workflow with its credentials wired by type (or matching name), optionally
	 * activates it. Resolves to { id, created, workflow, missing }. `requireCredentials: false`
	 * saves it even when a node's credential type has none.
	 */
	stack.importWorkflow = async (json, { activate = false, update = false, requireCredentials = true } = {}) => {
		const { workflow, missing } = wireCredentials(json, stack.credentials);
		if (missing.length && requireCredentials) throw new Error(`no credential for ${missing.map((m) => `${m.node} (${m.type})`).join(', ')}`);
		const saved = await saveWorkflow(stack.api, workflow, { update });
		if (activate) await activateWorkflow(stack.api, saved.id);
		return { id: saved.id, created: saved.created, workflow, missing };
	};
	/** POSTs to a production webhook, by default the webhook processor's, with the example's header. */
	stack.callWebhook = (path, body, { url = stack.webhookUrl, headers = WEBHOOK_AUTH, ...options } = {}) => callWebhook(url, path, body, { headers, ...options });
	/** Single process only: a fresh n8n on the same folder and port, with `env` instead of the first one's. */
	stack.restart = async ({ env: restartEnv = env } = {}) => {
		if (stack.queue) throw new Error('restart() is for a single n8n process');
		await stack.n8n.stop();
		stack.n8n = await startN8n({ runtime, userFolder: folder, port: stack.n8n.port, env: restartEnv });
		stack.exited = stack.n8n.exited;
		await login();
	};
	/** `keep`: the temp folder; `keepData`: queue mode's database and Redis keys (default: as `keep`). */
	stack.stop = async ({ keep = false, keepData = keep } = {}) => {
		await stopProcesses({ keepData });
		if (tempFolder && !keep) rmSync(folder, { recursive: true, force: true });
	};

	const packed = !tarball;
	try {
		if (packed) {
			log('building and packing the package (npm run build, npm pack) …');
			tarball = await packPackage();
		}
		const sandboxUp = async () => {
			stack.sandbox = sandbox ?? (await ensureSandbox({ port: sandboxPort, reuse: reuseSandbox, log }));
			log(`sandbox (fake Odoo, Stripe, Harasocial, Onebox) at ${stack.sandbox.url}`);
		};
		if (queue) {
			await sandboxUp();
			const { workers = 2, webhooks = 1 } = queue;
			log(
				`starting n8n ${runtime.version} in queue mode: main on ${port ? `http://127.0.0.1:${port}` : 'a free port'}, then ${workers} worker(s) and ${webhooks} webhook processor(s), each with the package (folders and logs: ${shown(folder)}/<instance>/) …`,
			);
			stack.queue = await startQueueStack({ ...queue, runtime, tarball, folder, mainPort: port, log: (m) => log(`  ${m}`) });
			log(`  database ${stack.queue.database}, Redis key prefix ${stack.queue.prefix}`);
			stack.n8n = stack.queue.main;
			stack.webhookUrl = stack.queue.webhookUrl;
		} else {
			log(`installing ${basename(tarball)} into ${shown(folder)}/.n8n/nodes (as n8n's Community Nodes screen does) …`);
			stack.installed = await installPackage({ userFolder: folder, tarball });
			await sandboxUp();
			log(`starting n8n ${runtime.version} on ${port ? `http://127.0.0.1:${port}` : 'a free port'} (log: ${shown(folder)}/n8n.log) …`);
			stack.n8n = await startN8n({ runtime, userFolder: folder, port, brokerPort, env });
			stack.webhookUrl = stack.n8n.url;
		}
		if (packed) rmSync(dirname(tarball), { recursive: true, force: true });
		stack.url = stack.n8n.url;
		stack.exited = stack.n8n.exited;
		await login();

		const { created, skipped } = await upsertCredentials(stack.api, sandboxCredentials(stack.sandbox.url));
		log(`credentials: ${created.map((c) => `"${c.name}"`).join(', ')}`);
		for (const s of skipped) log(`  skipped "${s.name}" (${s.type}): ${s.reason}`);
		Object.assign(stack, { credentials: created, skipped });

		if (example) {
			const { workflow, path } = exampleFor(stack.sandbox.url);
			stack.example = { ...(await stack.importWorkflow(workflow, { activate: example.activate })), path };
		}
		stack.workflows = [];
		for (const { json, activate = false } of workflows) stack.workflows.push(await stack.importWorkflow(json, { activate }));
		return stack;
	} catch (err) {
		await stopProcesses();
		if (packed && tarball) rmSync(dirname(tarball), { recursive: true, force: true });
		err.folder = folder;
		throw err;
	}
}
