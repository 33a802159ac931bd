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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox } from '../../sandbox/server.mjs';
import {
	activateWorkflow,
	callWebhook,
	executions,
	freePort,
	installPackage,
	packPackage,
	rest,
	sandboxCredentials,
	saveWorkflow,
	setupOwner,
	startN8n,
	upsertCredentials,
	wireCredentials,
} from '../../scripts/n8n.mjs';
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
function makeContext({ n8n, sandbox, api, cookie, credentials, installed }) {
	const credentialIds = {};
	for (const c of credentials) {
		credentialIds[c.type] ??= c.id;
		credentialIds[c.name] = c.id;
	}
	const sandboxGet = async (path) => {
		const res = await fetch(`${sandbox.url}/_sandbox${path}`);
		if (!res.ok) throw new Error(`sandbox ${path} -> ${res.status}`);
		return res.json();
	};
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
		async importWorkflow(json) {
			const { workflow, missing } = wireCredentials(json, credentials);
			if (missing.length) throw new Error(`no credential for ${missing.map((m) => `${m.node} (${m.type})`).join(', ')}`);
			return (await saveWorkflow(api, workflow)).id;
		},
		activate: (id) => activateWorkflow(api, id),
		callWebhook: (path, body, options) => callWebhook(n8n.url, path, body, options),
		executions: (workflowId, options) => executions(api, { workflowId, ...options }),
		sandboxRequests: async (service) => (await sandboxGet(`/requests${service ? `?service=${encodeURIComponent(service)}` : ''}`)).requests,
		sandboxState: () => sandboxGet('/state'),
		resetSandbox: async () => {
			const res = await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
			if (!res.ok) throw new Error(`sandbox reset -> ${res.status}`);
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
	const userFolder = mkdtempSync(join(tmpdir(), `payout-notify-n8n-${version}-`));
	let sandbox;
	let n8n;
	let failed = false;
	try {
		const runtime = ensureRuntime(version);
		const installed = await installPackage({ userFolder, tarball });
		sandbox = await startSandbox({ port: 0 });
		const t = Date.now();
		n8n = await startN8n({ runtime, userFolder, port: await freePort(), brokerPort: await freePort() });
		info(`n8n ${version} (node ${runtime.nodeBin}) ready at ${n8n.url} in ${seconds(t)}s; sandbox ${sandbox.url}; log ${n8n.logFile}`);
		const cookie = await setupOwner(n8n.url);
		const api = rest(n8n.url, cookie);
		const { created, skipped } = await upsertCredentials(api, sandboxCredentials(sandbox.url));
		for (const s of skipped) info(`NOTE: credential "${s.name}" (${s.type}) not created: ${s.reason}`);
		const ctx = makeContext({ n8n, sandbox, api, cookie, credentials: created, installed });
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
		record(false, 'setup (pack install, sandbox, n8n start, owner, credentials)', err);
		for (const c of cases) record(false, `${c.name} (not run: setup failed)`);
	} finally {
		if (n8n) await n8n.stop();
		if (sandbox) await sandbox.close();
		if (keep || failed) info(`kept ${userFolder} (n8n.log, database.sqlite)`);
		else rmSync(userFolder, { recursive: true, force: true });
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
		rmSync(join(tarball, '..'), { recursive: true, force: true });
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
