// `npm test`: the whole suite, in the order a failure is cheapest to find. Installs what it
// needs on a fresh clone (npm ci; the cached real n8n runtimes for the real-n8n suite).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { RUNTIMES } from './runtime.mjs';

const root = new URL('..', import.meta.url).pathname;
const results = [];
const CHROMIUM_PLACES = [
	process.env.CHROMIUM_PATH,
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/Applications/Chromium.app/Contents/MacOS/Chromium',
].filter(Boolean);

function step(name, command, args, env = {}) {
	console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
	const started = Date.now();
	const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	const ok = run.status === 0;
	results.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
	return ok;
}

if (!existsSync(`${root}/node_modules/.bin/jest`)) {
	// .npmrc already says ignore-scripts; the flag keeps this right where a user config overrides it.
	step('install dependencies', 'npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund']);
}
step('build', 'npm', ['run', 'build']);
step('lint (n8n-node lint)', 'npm', ['run', 'lint']);
step('type-check tests', 'npx', ['tsc', '-p', 'test/tsconfig.json', '--noEmit']);
step('unit, workflow-fixture and sandbox tests', 'npx', ['jest', '--ci']);
step('package check (tarball contents, scanner rules; provenance skipped)', 'node', ['scripts/check-package.mjs']);
step('GitHub workflows (actionlint, release path)', 'node', ['scripts/check-workflows.mjs']);
step(`real n8n tests (n8n ${Object.keys(RUNTIMES).join(', ')} against the sandbox)`, 'node', ['test/n8n/run.mjs']);
step('real n8n in queue mode (main, 2 workers, webhook processor on PostgreSQL and Redis)', 'node', ['test/n8n/queue.mjs']);
const chromium = findChromium();
if (chromium) step('browser tests (n8n editor in Chromium)', 'node', ['test/browser/run.mjs'], { CHROMIUM_PATH: chromium });
else {
	console.log(`
=== browser tests (n8n editor in Chromium): no Chromium found (looked at ${CHROMIUM_PLACES.join(', ')}).
Install it and run npm test again:
  Debian/Ubuntu: sudo apt-get install chromium
  macOS:         brew install --cask chromium
or point CHROMIUM_PATH at a Chromium or Chrome binary.`);
	results.push({ name: 'browser tests (n8n editor in Chromium): Chromium missing, see above', ok: false, seconds: '0.0' });
}

function findChromium() {
	return CHROMIUM_PLACES.find((p) => existsSync(p));
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
