// Packs the package as npm publishes it and checks the tarball the way n8n's scanner does:
// only dist/, index.js, README.md, LICENSE and package.json; no compiled test code; the ESLint
// rules of @n8n/scan-community-package (inline disables ignored) on every shipped .js and on the
// source; the same scan with the newest lint plugin; codex categories from n8n's current list.
// The scanner's one other check, npm provenance, needs a published version: see the end.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { analyzePackage, buildScanConfig, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';
import { ESLint } from 'eslint';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'payout-notify-pack-'));
const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
let failures = 0;
const check = (ok, what) => {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) failures++;
};

// n8n's valid-node-categories rule (eslint-plugin-community-nodes source, CODEX_NODE_CATEGORIES
// in @n8n/constants) is newer than any plugin release in the registry, so its list is kept here.
const CODEX_CATEGORIES = [
	'Data & Storage',
	'Finance & Accounting',
	'Marketing & Content',
	'Productivity',
	'Miscellaneous',
	'Sales',
	'Development',
	'Analytics',
	'Communication',
	'Utility',
	'AI',
];

/** The scanner's tarball leg with the newest plugin: the scanner pins an older one for itself. */
async function newestPluginScan(dir) {
	const config = (await buildScanConfig()).map((c) => (c.plugins?.['@n8n/community-nodes'] ? n8nCommunityNodesPlugin.configs.recommended : c));
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: config });
	const results = await eslint.lintFiles(['**/*.js', 'package.json']);
	const bad = results.filter((r) => r.errorCount > 0);
	return { passed: bad.length === 0, details: bad.length ? await (await eslint.loadFormatter('stylish')).format(bad) : '' };
}

try {
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
	const files = packed.files.map((f) => f.path);
	const allowed = (p) => p.startsWith('dist/') || ['index.js', 'README.md', 'LICENSE', 'package.json'].includes(p);
	check(files.every(allowed), `tarball holds only dist/, index.js, README.md, LICENSE, package.json (${files.length} files)`);
	for (const f of files.filter((p) => !allowed(p))) console.log(`     unexpected: ${f}`);
	check(!files.some((p) => /(^|\/)(test|tests|__tests__|sandbox|scripts)\/|\.test\.js$|\.spec\.js$/.test(p)), 'no test, sandbox or script code in the tarball');
	check(files.includes('dist/nodes/OdooMessagePost/odoo.svg'), 'icons are shipped next to the compiled nodes');

	const unpacked = join(work, 'package');
	execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', work]);
	const scanner = `@n8n/scan-community-package ${version('@n8n/scan-community-package')}`;
	const dist = await analyzePackage(unpacked, ['**/*.js', 'package.json']);
	check(dist.passed, `${scanner} rules on the tarball's .js and package.json${dist.passed ? '' : `: ${dist.message}`}`);
	if (dist.details) console.log(dist.details);
	const source = await analyzePackage(root, SOURCE_FILE_PATTERNS);
	check(source.passed, `${scanner} rules on the source (nodes/, credentials/, package.json)${source.passed ? '' : `: ${source.message}`}`);
	if (source.details) console.log(source.details);
	const newest = await newestPluginScan(unpacked);
	check(newest.passed, `the same tarball scan with @n8n/eslint-plugin-community-nodes ${version('@n8n/eslint-plugin-community-nodes')} (the scanner pins an older plugin)`);
	if (newest.details) console.log(newest.details);

	const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
	const codexFiles = pkg.n8n.nodes.map((node) => node.replace(/\.js$/, '.json'));
	for (const codex of codexFiles) {
		const shipped = files.includes(codex);
		const categories = shipped ? JSON.parse(readFileSync(join(unpacked, codex), 'utf8')).categories : undefined;
		const wrong = (categories ?? []).filter((c) => !CODEX_CATEGORIES.includes(c));
		const ok = shipped && Array.isArray(categories) && categories.length > 0 && wrong.length === 0;
		check(ok, `${codex}: shipped, categories from n8n's list${wrong.length ? ` (not on it: ${wrong.join(', ')})` : ''}`);
	}
	console.log(`tarball: ${packed.filename}, ${packed.size} bytes packed, ${readdirSync(unpacked).join(', ')}`);
} finally {
	rmSync(work, { recursive: true, force: true });
}
console.log(
	"skipped: the scanner's provenance check. It reads the npm attestation of a published version, which a local tarball cannot have; .github/workflows/publish.yml publishes every version with provenance.",
);
if (failures) {
	console.error(`${failures} package check(s) failed`);
	process.exit(1);
}
