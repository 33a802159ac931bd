// The n8n under test for the browser checks: the packed package installed the Community Nodes way
// into n8n 2.8.4 (system Node 20), the API sandbox, the owner, the sandbox credentials and the
// example workflow, all set up with the same helpers as test/n8n/run.mjs and `npm start`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox } from '../../../sandbox/server.mjs';
import {
	freePort,
	installPackage,
	pointAtSandbox,
	rest,
	sandboxCredentials,
	saveWorkflow,
	setupOwner,
	startN8n,
	upsertCredentials,
	wireCredentials,
} from '../../../scripts/n8n.mjs';
import { ensureRuntime } from '../../../scripts/runtime.mjs';

/** The runtime the suite uses unless told otherwise (`--runtime 2.15.1`). */
export const N8N_VERSION = '2.8.4';
const EXAMPLE = new URL('../../../examples/royalties-payout.workflow.json', import.meta.url);

/**
 * Installs the tarball into a temp user folder, starts sandbox and n8n on free ports, sets up the
 * owner and credentials and saves the example workflow (not activated: the editor only opens it).
 * Resolves to { n8n, sandbox, api, cookie, credentials, example: { id, json }, installed, userFolder, stop(keep) }.
 */
export async function startStack({ tarball, version = N8N_VERSION, log = () => {} }) {
	const userFolder = mkdtempSync(join(tmpdir(), `payout-notify-browser-${version}-`));
	let sandbox;
	let n8n;
	const stop = async (keep = false) => {
		if (n8n) await n8n.stop();
		if (sandbox) await sandbox.close();
		if (!keep) rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		const runtime = ensureRuntime(version);
		const installed = await installPackage({ userFolder, tarball });
		sandbox = await startSandbox({ port: 0 });
		const t = Date.now();
		n8n = await startN8n({ runtime, userFolder, port: await freePort(), brokerPort: await freePort() });
		log(`n8n ${version} ready at ${n8n.url} in ${((Date.now() - t) / 1000).toFixed(1)}s; sandbox ${sandbox.url}; log ${n8n.logFile}`);
		const cookie = await setupOwner(n8n.url);
		const api = rest(n8n.url, cookie);
		const { created: credentials, skipped } = await upsertCredentials(api, sandboxCredentials(sandbox.url));
		for (const s of skipped) log(`NOTE: credential "${s.name}" (${s.type}) not created: ${s.reason}`);
		const json = pointAtSandbox(JSON.parse(readFileSync(EXAMPLE, 'utf8')), sandbox.url);
		const { workflow, missing } = wireCredentials(json, credentials);
		if (missing.length) throw new Error(`no credential for ${missing.map((m) => `${m.node} (${m.type})`).join(', ')}`);
		const { id } = await saveWorkflow(api, workflow);
		return { n8n, sandbox, api, cookie, credentials, example: { id, json: workflow }, installed, userFolder, stop };
	} catch (err) {
		await stop(true);
		err.userFolder = userFolder;
		throw err;
	}
}
