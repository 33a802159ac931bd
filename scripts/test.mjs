// `npm test`: the whole suite, in the order a failure is cheapest to find. Installs what it
// needs on a fresh clone (npm ci; the cached real n8n runtimes for the real-n8n suite).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const results = [];

function step(name, command, args, env = {}) {
	console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
	const started = Date.now();
	const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	const ok = run.status === 0;
	results.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
	return ok;
}

if (!existsSync(`${root}/node_modules/.bin/jest`)) {
	// No dependency needs an install script; some dev tools' scripts only enforce their own repo's tooling.
	step('install dependencies', 'npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund']);
}
step('build', 'npm', ['run', 'build']);
step('lint (n8n community-node rules)', 'npm', ['run', 'lint']);
step('type-check tests', 'npx', ['tsc', '-p', 'test/tsconfig.json', '--noEmit']);
step('unit, workflow-fixture and sandbox tests', 'npx', ['jest', '--ci']);
step('package check (tarball contents, scanner rules)', 'node', ['scripts/check-package.mjs']);
step('real n8n tests (n8n 2.8.4 and 2.15.1 against the sandbox)', 'node', ['test/n8n/run.mjs']);
step('real n8n in queue mode (main, 2 workers, webhook processor on PostgreSQL and Redis)', 'node', ['test/n8n/queue.mjs']);
step('browser tests (n8n editor in Chromium)', 'node', ['test/browser/run.mjs']);

console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
