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
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { activateWorkflow, executions, packPackage } from '../../scripts/lib/n8n-driver.mjs';
import { sandboxClient } from '../../scripts/lib/sandbox-setup.mjs';
import { startStack } from '../../scripts/lib/stack.mjs';
import { ensureRuntime, RUNTIMES } from '../../scripts/runtime.mjs';
import { indent, info, loadCases, seconds, withTimeout } from '../lib/runner.mjs';

const here = new URL('.', import.meta.url).pathname;
const CASE_TIMEOUT_MS = 120_000;

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
	if (!out.runtimes.length) out.runtimes = (process.env.N8N_TEST_RUNTIMES || Object.keys(RUNTIMES).join(',')).split(',').map((s) => s.trim()).filter(Boolean);
	return out;
}

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

async function runRuntime(version, { tarball, cases, keep, results }) {
	const started = Date.now();
	const record = (ok, name, error) => {
		results.push({ ok, runtime: version, name });
		console.log(`${ok ? 'ok  ' : 'FAIL'} ${version} ${name}`);
		if (error) console.log(indent(error.stack ?? error));
	};
	let stack;
	let folder;
	let failed = false;
	try {
		const t = Date.now();
		stack = await startStack({ runtime: version, tarball, name: `n8n-${version}` });
		({ folder } = stack);
		info(`n8n ${version} (node ${stack.runtime.nodeBin}) ready at ${stack.url} in ${seconds(t)}s; sandbox ${stack.sandbox.url}; log ${stack.n8n.logFile}`);
		for (const s of stack.skipped) info(`NOTE: credential "${s.name}" (${s.type}) not created: ${s.reason}`);
		const ctx = makeContext(stack);
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
		record(false, 'setup (pack install, sandbox, n8n start, owner, credentials)', err);
		for (const c of cases) record(false, `${c.name} (not run: setup failed)`);
	} finally {
		if (stack) await stack.stop({ keep: keep || failed });
		if ((keep || failed) && folder) info(`kept ${folder} (n8n.log, database.sqlite)`);
		info(`n8n ${version}: ${seconds(started)}s`);
	}
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const results = [];
	for (const v of opts.runtimes) if (!RUNTIMES[v]) throw new Error(`unknown runtime ${v}; known: ${Object.keys(RUNTIMES).join(', ')}`);
	const cases = await loadCases(join(here, 'cases'), opts.cases);
	if (!cases.length) throw new Error('no test cases selected');

	// Installing a runtime is a one-time cost (minutes); say so before it starts.
	for (const v of opts.runtimes) ensureRuntime(v);

	let tarball;
	const t = Date.now();
	try {
		tarball = await packPackage();
		info(`packed ${tarball} in ${seconds(t)}s`);
	} catch (err) {
		console.log(`FAIL build and pack`);
		console.log(indent(err.message));
		console.log(`0 passed, 1 failed`);
		process.exit(1);
	}
	try {
		for (const version of opts.runtimes) {
			const only = RUNTIMES[version].cases;
			const selected = only ? cases.filter((c) => only.test(c.file)) : cases;
			await runRuntime(version, { tarball, cases: selected, keep: opts.keep, results });
		}
	} finally {
		rmSync(dirname(tarball), { recursive: true, force: true });
	}
	const failed = results.filter((r) => !r.ok).length;
	info(`total ${seconds(started)}s`);
	console.log(`${results.length - failed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

const stopSignals = () => process.exit(130);
process.once('SIGINT', stopSignals);
process.once('SIGTERM', stopSignals);

main().catch((err) => {
	console.log(`FAIL test runner: ${err.stack ?? err}`);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
