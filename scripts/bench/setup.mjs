// The benchmark's single n8n: the stack of scripts/lib/stack.mjs against the sandbox in its own
// process, with the workflows (a), (b) and (n) active; restart() gives a fresh n8n process on the
// same folder and port (the memory phase runs each workflow in one).
import { flattedOf } from '../lib/n8n-driver.mjs';
import { payoutItems } from '../lib/payout-runs.mjs';
import { httpRequestWorkflow, noOpWorkflow, odooNodeWorkflow } from '../lib/payout-workflows.mjs';
import { startStack } from '../lib/stack.mjs';
import { startSandboxProcess } from './sandbox.mjs';
import { CONCURRENCY, LATENCY_MS } from './throughput.mjs';

const PROFILE_HOOK = new URL('./profile-hook.cjs', import.meta.url).pathname;

/**
 * Resolves to the bench's context { stack, sandbox, n8n, api, flatted, profile, paths,
 * latencyPaths, restart(extraEnv), stop({ keep }) }; `n8n` and `api` follow restarts.
 */
export async function startBench({ runtime, tarball, opts, log }) {
	// The same settings for every run; warnings only, so logging costs nothing measurable.
	const n8nEnv = {
		N8N_LOG_LEVEL: 'warn',
		N8N_PAYLOAD_SIZE_MAX: '64',
		...(opts.profile ? { NODE_OPTIONS: `--require ${PROFILE_HOOK}`, PAYOUT_NOTIFY_PROFILE_DIR: opts.profile } : {}),
	};
	const sandbox = await startSandboxProcess();
	const env = { sandbox, flatted: flattedOf(runtime), profile: opts.profile };
	const follow = () => Object.assign(env, { n8n: env.stack.n8n, api: env.stack.api });
	env.stop = async ({ keep = false } = {}) => {
		await env.stack?.stop({ keep });
		await sandbox.stop();
	};
	try {
		env.stack = await startStack({ runtime, tarball, name: 'bench', sandbox, env: n8nEnv });
		follow();
		log(`n8n at ${env.n8n.url} (pid ${env.n8n.pid}), sandbox at ${sandbox.url} (pid ${sandbox.pid})`);
		const importActive = (json) => env.stack.importWorkflow(json, { activate: true });
		env.paths = { a: 'bench-odoo-node', b: 'bench-http-request', n: 'bench-no-operation' };
		await importActive(odooNodeWorkflow({ path: env.paths.a }));
		await importActive(noOpWorkflow({ path: env.paths.n }));
		await importActive(httpRequestWorkflow({ path: env.paths.b, sandboxUrl: sandbox.url, batchSize: CONCURRENCY, batchInterval: 1 }));
		// With answers taking LATENCY_MS, 4 items per LATENCY_MS keep the HTTP Request node at
		// about 4 requests in flight, like the others (with 1 ms it had 30 and more).
		env.latencyPaths = { a: env.paths.a, b: 'bench-http-request-paced' };
		await importActive(httpRequestWorkflow({ path: env.latencyPaths.b, sandboxUrl: sandbox.url, batchSize: CONCURRENCY, batchInterval: LATENCY_MS }));
	} catch (err) {
		await env.stop({ keep: opts.keep });
		throw err;
	}

	/** A fresh n8n process on the same folder and port, the same workflows, `extraEnv` added. */
	env.restart = async (extraEnv = {}) => {
		const nodeOptions = [n8nEnv.NODE_OPTIONS, extraEnv.NODE_OPTIONS].filter(Boolean).join(' ');
		await env.stack.restart({ env: { ...n8nEnv, ...extraEnv, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) } });
		follow();
		// Active workflows register their webhooks a little after n8n is ready.
		for (const path of Object.values(env.paths)) await env.stack.callWebhook(path, { items: payoutItems(1, 'READY', { html: true }) });
	};
	return env;
}
