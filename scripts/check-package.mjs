// Packs the package as npm publishes it and checks the tarball the way n8n's scanner does:
// only dist/, index.js, README.md, LICENSE and package.json; no compiled test code; and
// @n8n/scan-community-package's ESLint rules (inline disables ignored) on every shipped .js.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'payout-notify-pack-'));
let failures = 0;
const check = (ok, what) => {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) failures++;
};

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
	const dist = await analyzePackage(unpacked, ['**/*.js', 'package.json']);
	check(dist.passed, `scanner rules on the tarball's .js and package.json${dist.passed ? '' : `: ${dist.message}`}`);
	if (dist.details) console.log(dist.details);
	const source = await analyzePackage(root, SOURCE_FILE_PATTERNS);
	check(source.passed, `scanner rules on the source (nodes/, credentials/, package.json)${source.passed ? '' : `: ${source.message}`}`);
	if (source.details) console.log(source.details);
	console.log(`tarball: ${packed.filename}, ${packed.size} bytes packed, ${readdirSync(unpacked).join(', ')}`);
} finally {
	rmSync(work, { recursive: true, force: true });
}
if (failures) {
	console.error(`${failures} package check(s) failed`);
	process.exit(1);
}
