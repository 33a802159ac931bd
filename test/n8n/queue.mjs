// Real-n8n tests in queue mode: main + 2 workers + a webhook processor (scripts/lib/n8n-queue.mjs) on
// PostgreSQL and Redis, the packed package installed into each, the API sandbox behind them.
// Payouts are sent to the webhook processor, the way a queue-mode deployment receives them.
//
//   node test/n8n/queue.mjs                    both runtimes (2.8.4, 2.15.1), every case
//   node test/n8n/queue.mjs --runtime 2.15.1   one runtime (repeatable; or N8N_QUEUE_RUNTIMES=…)
//   node test/n8n/queue.mjs --case kill        cases whose name or file contains "kill"
//   node test/n8n/queue.mjs --keep             keep the user folders (logs), the database and Redis keys
//
// Prints `ok|FAIL <runtime> <case>` per case and `N passed, M failed` last; exits 1 on a failure.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { activateWorkflow, executions, packPackage } from '../../scripts/lib/n8n-driver.mjs';
import { executionsStartedIn } from '../../scripts/lib/n8n-queue.mjs';
import { sandboxClient } from '../../scripts/lib/sandbox-setup.mjs';
import { startStack } from '../../scripts/lib/stack.mjs';
import { ensureRuntime, RUNTIMES } from '../../scripts/runtime.mjs';
import { indent, info, loadCases, seconds, withTimeout } from '../lib/runner.mjs';

const here = new URL('.', import.meta.url).pathname;
const CASE_TIMEOUT_MS = 150_000;
// The 2.x runtimes: queue mode is where operators outgrow one process, on current n8n. n8n 1.123
// runs the single-process suite (test/n8n/run.mjs); in queue mode it is not measured here.
const RUNTIMES_DEFAULT = Object.keys(RUNTIMES).filter((v) => v.startsWith('2.'));
// Measured here (2 cores shared with other work): 122-178 s per runtime, 21-58 s of it the stack start.
// A killed worker's jobs count as stalled after the lock expires; n8n's defaults (60 s / 30 s)
// would make the crash case wait a minute and a half. Renewal stays well inside the lock.
export const QUEUE_TUNING = { QUEUE_WORKER_LOCK_DURATION: '10000', QUEUE_WORKER_LOCK_RENEW_TIME: '2000', QUEUE_WORKER_STALLED_INTERVAL: '5000' };

function parseArgs(argv) {
	const out = { runtimes: [], cases: [], keep: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => inline ?? argv[++i];
		if (flag === '--runtime') out.runtimes.push(value());
		else if (flag === '--case') out.cases.push(value());
		else if (flag === '--keep') out.keep = true;
		else throw new Error(`unknown option ${argv[i]} (known: --runtime V, --case TEXT, --keep)`);
	}
	if (!out.runtimes.length) out.runtimes = (process.env.N8N_QUEUE_RUNTIMES || RUNTIMES_DEFAULT.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
	return out;
}

function makeContext(started, tarball) {
	const { queue: stack, api, credentials } = started;
	const sandbox = sandboxClient(started.sandbox.url);
	return {
		runtime: stack.main.version,
		stack,
		tarball,
		n8nUrl: stack.url,
		sandboxUrl: sandbox.url,
		rest: api,
		credentials,
		assert,
		importWorkflow: async (json) => (await started.importWorkflow(json)).id,
		activate: (id) => activateWorkflow(api, id),
		/** Through the webhook processor (or `url`), as a queue-mode deployment is called. */
		callWebhook: (path, body, options) => started.callWebhook(path, body, options),
		executions: (workflowId, options) => executions(api, { workflowId, ...options }),
		sandboxRequests: async (service) => (await sandbox.requests(service)).requests,
		sandboxState: () => sandbox.state(),
		sandboxPost: (path, body) => sandbox.post(path, body),
		/** Execution ids each instance's log says it ran since `marks` (log lengths from logMarks()). */
		startedSince(marks) {
			const out = {};
			for (const i of [stack.main, ...stack.workers, ...stack.webhooks]) out[i.role] = executionsStartedIn(readFileSync(i.logFile, 'utf8').slice(marks?.[i.role] ?? 0));
			return out;
		},
		logMarks() {
			return Object.fromEntries([stack.main, ...stack.workers, ...stack.webhooks].map((i) => [i.role, readFileSync(i.logFile, 'utf8').length]));
		},
	};
}

async function runRuntime(version, { tarball, cases, keep, results }) {
	const started = Date.now();
	const record = (ok, name, error) => {
		results.push({ ok, runtime: version, name });
		console.log(`${ok ? 'ok  ' : 'FAIL'} ${version} queue ${name}`);
		if (error) console.log(indent(error.stack ?? error));
	};
	let stack;
	let folder;
	let failed = false;
	try {
		stack = await startStack({ runtime: version, tarball, name: `queue-${version}`, queue: { tuning: QUEUE_TUNING }, log: info });
		({ folder } = stack);
		info(`n8n ${version} queue stack ready in ${seconds(started)}s: database ${stack.queue.database}, Bull prefix ${stack.queue.prefix}; folders in ${folder}`);
		const ctx = makeContext(stack, tarball);
		for (const c of cases) {
			const t0 = Date.now();
			try {
				await withTimeout(Promise.resolve().then(() => c.run(ctx)), CASE_TIMEOUT_MS, c.name);
				record(true, `${c.name} (${seconds(t0)}s)`);
			} catch (err) {
				failed = true;
				record(false, `${c.name} (${seconds(t0)}s)`, err);
			}
		}
	} catch (err) {
		failed = true;
		folder ??= err.folder;
		record(false, 'setup (PostgreSQL, Redis, pack install x4, main, workers, webhook processor)', err);
		for (const c of cases) record(false, `${c.name} (not run: setup failed)`);
	} finally {
		// A failure keeps the folders (logs); --keep the database and the Redis keys too.
		if (stack) await stack.stop({ keep: keep || failed, keepData: keep });
		if ((keep || failed) && folder) info(`kept ${folder} (one folder per instance, n8n.log in each)${keep && stack ? `; database ${stack.queue.database}, Redis ${stack.queue.prefix}:*` : ''}`);
		info(`n8n ${version} queue mode: ${seconds(started)}s`);
	}
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const results = [];
	for (const v of opts.runtimes) if (!RUNTIMES[v]) throw new Error(`unknown runtime ${v}; known: ${Object.keys(RUNTIMES).join(', ')}`);
	const cases = await loadCases(join(here, 'queue-cases'), opts.cases);
	if (!cases.length) throw new Error('no test cases selected');
	for (const v of opts.runtimes) ensureRuntime(v);
	let tarball;
	try {
		tarball = await packPackage();
	} catch (err) {
		console.log('FAIL build and pack');
		console.log(indent(err.message));
		console.log('0 passed, 1 failed');
		process.exit(1);
	}
	try {
		for (const version of opts.runtimes) await runRuntime(version, { tarball, cases, keep: opts.keep, results });
	} finally {
		rmSync(dirname(tarball), { recursive: true, force: true });
	}
	const failed = results.filter((r) => !r.ok).length;
	info(`total ${seconds(started)}s`);
	console.log(`${results.length - failed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(130));

main().catch((err) => {
	console.log(`FAIL queue test runner: ${err.stack ?? err}`);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
