// The package's node and credential types are loaded by n8n from .n8n/nodes (Community Nodes way).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { declaredTypes } from '../../../scripts/lib/n8n-driver.mjs';

export const name = 'node types: the package nodes and credentials load';

const EXPECTED_NODES = ['odooMessagePost', 'odooCallMethod', 'harasocialPayloadMessage', 'oneboxMessage'].map((n) => `n8n-nodes-payout-notify.${n}`);

export async function run(ctx) {
	const { assert, installed } = ctx;
	// What the tarball declares (before any pruning of not-yet-built files by the runner).
	const declared = declaredTypes(JSON.parse(readFileSync(join(new URL('../../..', import.meta.url).pathname, 'package.json'), 'utf8')));
	assert.deepEqual([...declared.nodes].sort(), [...EXPECTED_NODES].sort(), 'package.json declares the four nodes');

	// Installed the Community Nodes way: no second n8n-workflow (peer) next to the package.
	assert.ok(!existsSync(join(installed.directory, 'node_modules', 'n8n-workflow')), 'n8n-workflow was installed inside the package folder');

	let descriptions;
	try {
		descriptions = await ctx.rest.post('/node-types', { nodeInfos: installed.nodeTypes.map((type) => ({ name: type, version: 1 })) });
	} catch (err) {
		// n8n logs why it refused the package (a listed file missing, a require that fails, ...).
		const log = readFileSync(ctx.logFile, 'utf8')
			.split('\n')
			.filter((l) => !l.startsWith('- ') && /payout-notify|Cannot find module|Failed to load/i.test(l));
		err.message += `\nn8n log (package loading):\n${log.slice(-6).join('\n')}`;
		throw err;
	}
	assert.equal(descriptions.length, installed.nodeTypes.length);
	installed.nodeTypes.forEach((type, i) => {
		const d = descriptions[i];
		assert.ok(d && type.endsWith(`.${d.name}`), `n8n does not know ${type}: ${JSON.stringify(d)?.slice(0, 200)}`);
		assert.ok(Array.isArray(d.properties) && d.properties.length > 0, `${type} has no properties`);
		assert.ok(d.credentials?.length > 0, `${type} declares no credential`);
	});
	assert.ok(installed.nodeTypes.includes(EXPECTED_NODES[0]), 'the Odoo node is installed');

	// The credential types: n8n serves them to the editor from /types/credentials.json.
	const res = await fetch(`${ctx.n8nUrl}/types/credentials.json`, { headers: { cookie: ctx.cookie } });
	assert.equal(res.status, 200, `/types/credentials.json -> ${res.status}`);
	const known = new Set((await res.json()).map((c) => c.name));
	for (const type of installed.credentialTypes) assert.ok(known.has(type), `credential type ${type} not loaded`);

	const missing = EXPECTED_NODES.filter((t) => !installed.nodeTypes.includes(t));
	if (missing.length) console.log(`     note: not built yet, so not checked: ${missing.join(', ')}`);
}
