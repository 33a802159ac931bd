// Browser tests: the nodes as people meet them in n8n's editor. The packed package is installed the
// Community Nodes way into n8n 2.8.4 (system Node 20; the n8n `npm start` runs), next to the API
// sandbox, the sandbox credentials and the example workflow; headless Chromium (Debian's
// `chromium`, driven by playwright-core) then uses the editor like an operator does.
//
//   node test/browser/run.mjs                   every case
//   node test/browser/run.mjs --case odoo       cases whose name or file contains "odoo" (repeatable)
//   node test/browser/run.mjs --runtime 2.15.1  another cached runtime (scripts/runtime.mjs) than 2.8.4
//   node test/browser/run.mjs --keep            keep the temp n8n user folder (n8n.log, database.sqlite)
//   node test/browser/run.mjs --update-docs     after a green run, copy the screenshots the README shows into docs/
//
// Prints `ok|FAIL <case>` per case and `N passed, M failed` last; exits 1 on a failure.
// Screenshots: test-results/browser/ (gitignored). Chromium: /usr/bin/chromium or $CHROMIUM_PATH.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { packPackage, ROOT } from '../../scripts/lib/n8n-driver.mjs';
import { startStack } from '../../scripts/lib/stack.mjs';
import { ensureRuntime, RUNTIMES } from '../../scripts/runtime.mjs';
import { CHROMIUM, editorContext, launchBrowser, newEditorPage } from './lib/editor.mjs';
import { indent, info, loadCases, seconds, withTimeout } from '../lib/runner.mjs';

/** The runtime the suite uses unless told otherwise (`--runtime 2.15.1`). */
const N8N_VERSION = '2.8.4';
const here = new URL('.', import.meta.url).pathname;
const SHOTS = join(ROOT, 'test-results', 'browser');
const DOCS = join(ROOT, 'docs');
const CASE_TIMEOUT_MS = 90_000;
// Screenshots the README shows: test-results/browser/<name>.png -> docs/<name>.png.
const DOC_SHOTS = [
	'example-workflow',
	'node-panel-search',
	'odoo-message-post-panel',
	'odoo-call-method-panel',
	'onebox-message-panel',
	'harasocial-payload-message-panel',
	'odoo-credential',
	'odoo-credential-wrong-key',
	'onebox-message-actions',
	'drag-connection-oneboxMessage',
	'drag-moved-oneboxMessage',
	'drag-tools-onto-agent',
	'import-1-setup-note',
	'import-2-credential-filled',
	'import-3-payout-settings',
	'import-4-published',
	'import-5-credential-picked',
	'import-6-conflicting-path',
];
const DOC_SHOT_MAX_BYTES = 300 * 1024;

function parseArgs(argv) {
	const out = { cases: [], keep: false, updateDocs: false, runtime: N8N_VERSION };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		if (flag === '--case') out.cases.push(inline ?? argv[++i]);
		else if (flag === '--runtime') out.runtime = inline ?? argv[++i];
		else if (flag === '--keep') out.keep = true;
		else if (flag === '--update-docs') out.updateDocs = true;
		else throw new Error(`unknown option ${argv[i]} (known: --case TEXT, --runtime V, --keep, --update-docs)`);
	}
	return out;
}

/** Everything a case gets: the n8n under test, the sandbox, a browser and where screenshots go. */
function makeContext({ stack, browser, nodeTypes, runtime }) {
	const { n8n, sandbox, api, cookie, credentials } = stack;
	const example = { id: stack.example.id, json: stack.example.workflow };
	const pages = [];
	const contexts = new Map();
	let counter = 0;
	const ctx = {
		/** The n8n version under test, e.g. '2.8.4'. */
		runtime,
		n8nUrl: n8n.url,
		sandboxUrl: sandbox.url,
		rest: api,
		cookie,
		credentials,
		credential: (name) => credentials.find((c) => c.name === name) ?? assert.fail(`no credential named ${name}`),
		example,
		/** Node types of this package as the editor gets them (GET /types/nodes.json), tool variants left out. */
		nodeTypes,
		assert,
		shots: SHOTS,
		log: info,
		/** A new logged-in tab (one browser context per theme); closed after the case. theme: 'light' | 'dark'. */
		async page({ theme = 'light', viewport } = {}) {
			if (!contexts.has(theme)) contexts.set(theme, editorContext(browser, { url: n8n.url, cookie, theme }));
			const opened = await newEditorPage(await contexts.get(theme), { viewport });
			pages.push(opened);
			return opened.page;
		},
		/**
		 * Saves a workflow holding one Manual Trigger (named `trigger`), with `item` pinned as its output
		 * when given, and resolves to its id: the start a person has before adding a node.
		 */
		async workflowWithTrigger(name, { trigger = 'Start', item } = {}) {
			const body = {
				name,
				nodes: [{ id: `trigger-${++counter}`, name: trigger, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
				connections: {},
				settings: { executionOrder: 'v1' },
			};
			if (item) body.pinData = { [trigger]: [{ json: item }] };
			return (await api.post('/workflows', body)).id;
		},
		async sandboxState() {
			const res = await fetch(`${sandbox.url}/_sandbox/state`);
			if (!res.ok) throw new Error(`sandbox state -> ${res.status}`);
			return res.json();
		},
		async closePages() {
			for (const p of pages.splice(0)) {
				if (p.errors.length) info(`page errors: ${p.errors.slice(0, 3).join(' | ')}`);
				await p.page.close().catch(() => {});
			}
		},
	};
	return ctx;
}

async function fetchNodeTypes(api, packageName) {
	const res = await fetch(`${api.url}/types/nodes.json`, { headers: { cookie: api.cookie } });
	if (!res.ok) throw new Error(`GET /types/nodes.json -> ${res.status}`);
	return (await res.json()).filter((t) => t.name.startsWith(`${packageName}.`) && !t.name.endsWith('Tool'));
}

function updateDocs() {
	mkdirSync(DOCS, { recursive: true });
	for (const name of DOC_SHOTS) {
		const from = join(SHOTS, `${name}.png`);
		if (!existsSync(from)) {
			info(`docs: ${name}.png not taken in this run, left as is`);
			continue;
		}
		const size = statSync(from).size;
		if (size > DOC_SHOT_MAX_BYTES) info(`docs: WARNING ${name}.png is ${Math.round(size / 1024)} KB (over ${DOC_SHOT_MAX_BYTES / 1024} KB)`);
		copyFileSync(from, join(DOCS, `${name}.png`));
		info(`docs: docs/${name}.png (${Math.round(size / 1024)} KB)`);
	}
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const cases = await loadCases(join(here, 'cases'), opts.cases);
	if (!cases.length) throw new Error('no test cases selected');
	if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (see .ci/run) or set CHROMIUM_PATH`);
	if (!RUNTIMES[opts.runtime]) throw new Error(`unknown runtime ${opts.runtime}; known: ${Object.keys(RUNTIMES).join(', ')}`);
	ensureRuntime(opts.runtime);
	rmSync(SHOTS, { recursive: true, force: true });
	mkdirSync(SHOTS, { recursive: true });

	const results = [];
	const record = (ok, name, error) => {
		results.push({ ok, name });
		console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
		if (error) console.log(indent(error.stack ?? error));
	};

	let tarball;
	let stack;
	let browser;
	let failed = false;
	try {
		const t = Date.now();
		tarball = await packPackage();
		info(`packed ${tarball} in ${seconds(t)}s`);
		// The example is saved, not activated: the editor only opens it.
		const t1 = Date.now();
		stack = await startStack({
			runtime: opts.runtime,
			tarball,
			name: `browser-${opts.runtime}`,
			example: { activate: false },
		});
		info(`n8n ${opts.runtime} ready at ${stack.url} in ${seconds(t1)}s; sandbox ${stack.sandbox.url}; log ${stack.n8n.logFile}`);
		for (const s of stack.skipped) info(`NOTE: credential "${s.name}" (${s.type}) not created: ${s.reason}`);
		browser = await launchBrowser();
		info(`Chromium ${browser.version()} (${CHROMIUM})`);
		const nodeTypes = await fetchNodeTypes(stack.api, stack.installed.name);
		const ctx = makeContext({ stack, browser, nodeTypes, runtime: opts.runtime });
		for (const c of cases) {
			const t0 = Date.now();
			// The editor on a busy 2-core machine can miss a UI timeout once; a second miss is a failure,
			// and a pass on the second try is reported as such.
			for (let attempt = 1; attempt <= 2; attempt++) {
				try {
					await withTimeout(Promise.resolve().then(() => c.run(ctx)), c.timeoutMs ?? CASE_TIMEOUT_MS, c.name);
					record(true, `${c.name} (${seconds(t0)}s${attempt > 1 ? ', passed on the second try' : ''})`);
					break;
				} catch (err) {
					if (attempt === 1) {
						info(`first try of "${c.name}" failed, trying once more: ${String(err.message).split('\n')[0]}`);
						continue;
					}
					failed = true;
					record(false, `${c.name} (${seconds(t0)}s)`, err);
				} finally {
					await ctx.closePages();
				}
			}
		}
	} catch (err) {
		failed = true;
		record(false, 'setup (pack, install, sandbox, n8n start, owner, credentials, example, Chromium)', err);
		if (err.folder) info(`kept ${err.folder} (n8n.log, database.sqlite)`);
		for (const c of cases) if (!results.some((r) => r.name.startsWith(`${c.name} (`))) record(false, `${c.name} (not run: setup failed)`);
	} finally {
		if (browser) await browser.close().catch(() => {});
		const keep = opts.keep || failed;
		if (stack) {
			await stack.stop({ keep });
			if (keep) info(`kept ${stack.folder} (n8n.log, database.sqlite)`);
		}
		if (tarball) rmSync(join(tarball, '..'), { recursive: true, force: true });
	}
	info(`screenshots in ${SHOTS}`);
	const failedCount = results.filter((r) => !r.ok).length;
	// A failing run's screenshots may show the failure: docs/ only takes those of a green run.
	if (opts.updateDocs && failedCount) info(`docs: not updated (${failedCount} case(s) failed)`);
	else if (opts.updateDocs && opts.runtime !== N8N_VERSION) info(`docs: not updated (README shows n8n ${N8N_VERSION}; this run used ${opts.runtime})`);
	else if (opts.updateDocs) updateDocs();
	info(`total ${seconds(started)}s`);
	console.log(`${results.length - failedCount} passed, ${failedCount} failed`);
	process.exit(failedCount ? 1 : 0);
}

const stopSignals = () => process.exit(130);
process.once('SIGINT', stopSignals);
process.once('SIGTERM', stopSignals);

main().catch((err) => {
	console.log(`FAIL test runner: ${err.stack ?? err}`);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
