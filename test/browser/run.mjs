// Browser tests: the nodes as people meet them in n8n's editor. The packed package is installed the
// Community Nodes way into n8n 2.8.4 (system Node 20; the n8n `npm start` runs), next to the API
// sandbox, the sandbox credentials and the example workflow; headless Chromium (Debian's
// `chromium`, driven by playwright-core) then uses the editor like an operator does.
//
//   node test/browser/run.mjs                   every case
//   node test/browser/run.mjs --case odoo       cases whose name or file contains "odoo" (repeatable)
//   node test/browser/run.mjs --keep            keep the temp n8n user folder (n8n.log, database.sqlite)
//   node test/browser/run.mjs --update-docs     after a green run, copy the screenshots the README shows into docs/
//
// Prints `ok|FAIL <case>` per case and `N passed, M failed` last; exits 1 on a failure.
// Screenshots: test-results/browser/ (gitignored). Chromium: /usr/bin/chromium or $CHROMIUM_PATH.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { packPackage, rest, ROOT } from '../../scripts/n8n.mjs';
import { ensureRuntime } from '../../scripts/runtime.mjs';
import { CHROMIUM, editorContext, launchBrowser, newEditorPage } from './lib/editor.mjs';
import { indent, info, loadCases, seconds, withTimeout } from '../lib/runner.mjs';
import { N8N_VERSION, startStack } from './lib/stack.mjs';

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
];
const DOC_SHOT_MAX_BYTES = 300 * 1024;

function parseArgs(argv) {
	const out = { cases: [], keep: false, updateDocs: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		if (flag === '--case') out.cases.push(inline ?? argv[++i]);
		else if (flag === '--keep') out.keep = true;
		else if (flag === '--update-docs') out.updateDocs = true;
		else throw new Error(`unknown option ${argv[i]} (known: --case TEXT, --keep, --update-docs)`);
	}
	return out;
}




/** Everything a case gets: the n8n under test, the sandbox, a browser and where screenshots go. */
function makeContext({ stack, browser, nodeTypes }) {
	const { n8n, sandbox, api, cookie, credentials, example } = stack;
	const pages = [];
	const contexts = new Map();
	let counter = 0;
	const ctx = {
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
	ensureRuntime(N8N_VERSION);
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
		stack = await startStack({ tarball, log: info });
		browser = await launchBrowser();
		info(`Chromium ${browser.version()} (${CHROMIUM})`);
		const nodeTypes = await fetchNodeTypes(rest(stack.n8n.url, stack.cookie), stack.installed.name);
		const ctx = makeContext({ stack, browser, nodeTypes });
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
		for (const c of cases) if (!results.some((r) => r.name.startsWith(`${c.name} (`))) record(false, `${c.name} (not run: setup failed)`);
	} finally {
		if (browser) await browser.close().catch(() => {});
		const keep = opts.keep || failed;
		if (stack) {
			await stack.stop(keep);
			if (keep) info(`kept ${stack.userFolder} (n8n.log, database.sqlite)`);
		}
		if (tarball) rmSync(join(tarball, '..'), { recursive: true, force: true });
	}
	info(`screenshots in ${SHOTS}`);
	const failedCount = results.filter((r) => !r.ok).length;
	// A failing run's screenshots may show the failure: docs/ only takes those of a green run.
	if (opts.updateDocs && failedCount) info(`docs: not updated (${failedCount} case(s) failed)`);
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
