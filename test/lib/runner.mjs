// What the real-n8n and the browser runners share: case loading, timeouts, output formatting, and
// the whole loop of the two real-n8n runners (runSuite).
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

import { packPackage } from '../../scripts/lib/n8n-driver.mjs';
import { ensureRuntime, RUNTIMES } from '../../scripts/runtime.mjs';

export const seconds = (t) => ((Date.now() - t) / 1000).toFixed(1);
export const info = (m) => console.log(`   ${m}`);
export const indent = (text) =>
	String(text)
		.split('\n')
		.map((l) => `     ${l}`)
		.join('\n');

export function withTimeout(promise, ms, what) {
	let timer;
	return Promise.race([
		promise,
		new Promise((_, reject) => {
			timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000}s`)), ms);
		}),
	]).finally(() => clearTimeout(timer));
}

/**
 * The cases of a folder, in file order: each file exports `name` and `async run(ctx)`, or
 * `cases: [{ name, run }]`. `filters` keep the cases whose name or file contains one of them.
 */
export async function loadCases(dir, filters = []) {
	const cases = [];
	for (const f of readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) {
		const mod = await import(pathToFileURL(join(dir, f)).href);
		const list = Array.isArray(mod.cases) ? mod.cases : [{ name: mod.name, run: mod.run }];
		for (const c of list) {
			if (typeof c.run !== 'function' || !c.name) {
				throw new Error(`${relative(process.cwd(), join(dir, f))} must export name and async run(ctx), or cases: [{name, run}]`);
			}
			if (filters.length && !filters.some((s) => c.name.includes(s) || f.includes(s))) continue;
			cases.push({ ...c, file: f });
		}
	}
	return cases;
}

/**
 * A real-n8n runner (test/n8n/run.mjs, test/n8n/queue.mjs): its command line, the package packed
 * once, then per runtime one stack, its cases and a teardown that keeps the folders of a failed
 * run; `ok|FAIL <runtime> <label><case>` per case, `N passed, M failed` last, exit 1 on a failure.
 *
 * - `casesDir`, `caseTimeoutMs`; `runtimesEnv` names the variable that lists runtimes, else `defaultRuntimes`;
 * - `label`: before each case's name ("queue "), `setupName`: what the setup line calls the start-up;
 * - `start(version, tarball)` resolves to the started stack (and says what it started);
 * - `makeContext(stack, tarball)`: what a case gets; `keptNote(stack)`: what a kept folder holds.
 */
export async function runSuite({ casesDir, caseTimeoutMs, runtimesEnv, defaultRuntimes, label = '', setupName, start, makeContext, keptNote }) {
	const opts = parseSuiteArgs(process.argv.slice(2), process.env[runtimesEnv] || defaultRuntimes.join(','));
	const started = Date.now();
	const results = [];
	for (const v of opts.runtimes) if (!RUNTIMES[v]) throw new Error(`unknown runtime ${v}; known: ${Object.keys(RUNTIMES).join(', ')}`);
	const cases = await loadCases(casesDir, opts.cases);
	if (!cases.length) throw new Error('no test cases selected');

	// Installing a runtime is a one-time cost (minutes); say so before it starts.
	for (const v of opts.runtimes) ensureRuntime(v);

	let tarball;
	const t = Date.now();
	try {
		tarball = await packPackage();
		info(`packed ${tarball} in ${seconds(t)}s`);
	} catch (err) {
		console.log('FAIL build and pack');
		console.log(indent(err.message));
		console.log('0 passed, 1 failed');
		process.exit(1);
	}
	const runRuntime = async (version) => {
		const only = RUNTIMES[version].cases;
		const selected = only ? cases.filter((c) => only.test(c.file)) : cases;
		const runtimeStarted = Date.now();
		const record = (ok, name, error) => {
			results.push({ ok, runtime: version, name });
			console.log(`${ok ? 'ok  ' : 'FAIL'} ${version} ${label}${name}`);
			if (error) console.log(indent(error.stack ?? error));
		};
		let stack;
		let folder;
		let failed = false;
		try {
			stack = await start(version, tarball);
			({ folder } = stack);
			const ctx = makeContext(stack, tarball);
			for (const c of selected) {
				const t0 = Date.now();
				try {
					await withTimeout(Promise.resolve().then(() => c.run(ctx)), caseTimeoutMs, c.name);
					record(true, `${c.name} (${seconds(t0)}s)`);
				} catch (err) {
					failed = true;
					record(false, `${c.name} (${seconds(t0)}s)`, err);
				}
			}
		} catch (err) {
			failed = true;
			folder ??= err.folder;
			record(false, `setup (${setupName})`, err);
			for (const c of selected) record(false, `${c.name} (not run: setup failed)`);
		} finally {
			// A failure keeps the folders (logs); --keep also queue mode's database and Redis keys.
			if (stack) await stack.stop({ keep: opts.keep || failed, keepData: opts.keep });
			if ((opts.keep || failed) && folder) info(`kept ${folder} (${keptNote(stack, opts.keep)})`);
			info(`n8n ${version}${label ? ` ${label.trim()} mode` : ''}: ${seconds(runtimeStarted)}s`);
		}
	};
	try {
		for (const version of opts.runtimes) await runRuntime(version);
	} finally {
		rmSync(dirname(tarball), { recursive: true, force: true });
	}
	const failed = results.filter((r) => !r.ok).length;
	info(`total ${seconds(started)}s`);
	console.log(`${results.length - failed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

function parseSuiteArgs(argv, runtimes) {
	const out = { runtimes: [], cases: [], keep: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => inline ?? argv[++i];
		if (flag === '--runtime') out.runtimes.push(value());
		else if (flag === '--case') out.cases.push(value());
		else if (flag === '--keep') out.keep = true;
		else throw new Error(`unknown option ${argv[i]} (known: --runtime V, --case TEXT, --keep)`);
	}
	if (!out.runtimes.length) out.runtimes = runtimes.split(',').map((s) => s.trim()).filter(Boolean);
	return out;
}

/** Runs a runner's `main`: Ctrl-C ends it, and a crash of the runner itself counts as a failure. */
export function runMain(main, what) {
	process.once('SIGINT', () => process.exit(130));
	process.once('SIGTERM', () => process.exit(130));
	main().catch((err) => {
		console.log(`FAIL ${what}: ${err.stack ?? err}`);
		console.log('0 passed, 1 failed');
		process.exit(1);
	});
}
