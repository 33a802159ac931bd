// Real-n8n tests: the packed package installed the Community Nodes way into a real n8n, driven
// over HTTP against the local API sandbox. One run per runtime of scripts/runtime.mjs: n8n 1.123.81
// (task runners on, and its Odoo cases again as installed), 2.8.4 on the system Node and 2.15.1,
// the 1.x and 2.15.1 on Node 24 (cached outside the clone).
//
//   node test/n8n/run.mjs                       every runtime, every case
//   node test/n8n/run.mjs --runtime 2.8.4       one runtime (repeatable; or N8N_TEST_RUNTIMES=2.8.4,2.15.1)
//   node test/n8n/run.mjs --case odoo           cases whose name contains "odoo"
//   node test/n8n/run.mjs --keep                keep the temp n8n user folders (logs, sqlite)
//
// Prints `ok|FAIL <runtime> <case>` per case and `N passed, M failed` last; exits 1 on a failure.
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { activateWorkflow, executions } from '../../scripts/lib/n8n-driver.mjs';
import { sandboxClient } from '../../scripts/lib/sandbox-setup.mjs';
import { startStack } from '../../scripts/lib/stack.mjs';
import { RUNTIMES } from '../../scripts/runtime.mjs';
import { info, runMain, runSuite, seconds } from '../lib/runner.mjs';

const here = new URL('.', import.meta.url).pathname;
const CASE_TIMEOUT_MS = 120_000;

/** Everything a case gets to talk to the n8n under test and the sandbox behind it. */
function makeContext(stack) {
	const { n8n, api, cookie, credentials, installed } = stack;
	const sandbox = sandboxClient(stack.sandbox.url);
	const credentialIds = {};
	for (const c of credentials) {
		credentialIds[c.type] ??= c.id;
		credentialIds[c.name] = c.id;
	}
	return {
		runtime: n8n.version,
		n8nUrl: n8n.url,
		sandboxUrl: sandbox.url,
		rest: api,
		cookie,
		credentials,
		credentialIds,
		installed,
		logFile: n8n.logFile,
		assert,
		/** Creates the workflow with credentials wired by type (or by matching name); resolves to its id. */
		importWorkflow: async (json) => (await stack.importWorkflow(json)).id,
		activate: (id) => activateWorkflow(api, id),
		callWebhook: (path, body, options) => stack.callWebhook(path, body, options),
		executions: (workflowId, options) => executions(api, { workflowId, ...options }),
		sandboxRequests: async (service) => (await sandbox.requests(service)).requests,
		sandboxState: () => sandbox.state(),
		resetSandbox: async () => {
			await sandbox.reset();
		},
	};
}

runMain(
	() =>
		runSuite({
			casesDir: join(here, 'cases'),
			caseTimeoutMs: CASE_TIMEOUT_MS,
			runtimesEnv: 'N8N_TEST_RUNTIMES',
			defaultRuntimes: Object.keys(RUNTIMES),
			setupName: 'pack install, sandbox, n8n start, owner, credentials',
			async start(version, tarball) {
				const t = Date.now();
				const stack = await startStack({ runtime: version, tarball, name: `n8n-${version}` });
				info(`n8n ${version} (node ${stack.runtime.nodeBin}) ready at ${stack.url} in ${seconds(t)}s; sandbox ${stack.sandbox.url}; log ${stack.n8n.logFile}`);
				for (const s of stack.skipped) info(`NOTE: credential "${s.name}" (${s.type}) not created: ${s.reason}`);
				return stack;
			},
			makeContext,
			keptNote: () => 'n8n.log, database.sqlite',
		}),
	'test runner',
);
