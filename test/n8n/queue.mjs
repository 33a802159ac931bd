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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { activateWorkflow, executions } from '../../scripts/lib/n8n-driver.mjs';
import { executionsStartedIn } from '../../scripts/lib/n8n-queue.mjs';
import { sandboxClient } from '../../scripts/lib/sandbox-setup.mjs';
import { startStack } from '../../scripts/lib/stack.mjs';
import { RUNTIMES } from '../../scripts/runtime.mjs';
import { info, runMain, runSuite, seconds } from '../lib/runner.mjs';

const here = new URL('.', import.meta.url).pathname;
const CASE_TIMEOUT_MS = 150_000;
// The 2.x runtimes: queue mode is where operators outgrow one process, on current n8n. n8n 1.123
// runs the single-process suite (test/n8n/run.mjs); in queue mode it is not measured here.
const RUNTIMES_DEFAULT = Object.keys(RUNTIMES).filter((v) => v.startsWith('2.'));
// Measured here (2 cores shared with other work): 122-178 s per runtime, 21-58 s of it the stack start.
// A killed worker's jobs count as stalled after the lock expires; n8n's defaults (60 s / 30 s)
// would make the crash case wait a minute and a half. Renewal stays well inside the lock.
const QUEUE_TUNING = { QUEUE_WORKER_LOCK_DURATION: '10000', QUEUE_WORKER_LOCK_RENEW_TIME: '2000', QUEUE_WORKER_STALLED_INTERVAL: '5000' };

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

runMain(
	() =>
		runSuite({
			casesDir: join(here, 'queue-cases'),
			caseTimeoutMs: CASE_TIMEOUT_MS,
			runtimesEnv: 'N8N_QUEUE_RUNTIMES',
			defaultRuntimes: RUNTIMES_DEFAULT,
			label: 'queue ',
			setupName: 'PostgreSQL, Redis, pack install x4, main, workers, webhook processor',
			async start(version, tarball) {
				const t = Date.now();
				const stack = await startStack({ runtime: version, tarball, name: `queue-${version}`, queue: { tuning: QUEUE_TUNING }, log: info });
				info(`n8n ${version} queue stack ready in ${seconds(t)}s: database ${stack.queue.database}, Bull prefix ${stack.queue.prefix}; folders in ${stack.folder}`);
				return stack;
			},
			makeContext,
			keptNote: (stack, keep) => `one folder per instance, n8n.log in each${keep && stack ? `; database ${stack.queue.database}, Redis ${stack.queue.prefix}:*` : ''}`,
		}),
	'queue test runner',
);
