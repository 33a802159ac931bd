// The same example workflow file on every Odoo the package supports: only the Odoo credential
// differs (Odoo 19 JSON-2, Odoo Online with a URL and key alone, Odoo 17 over JSON-RPC found by
// "Detect", a server with several databases). Each payout: one transfer, one posted journal entry,
// one chatter post, and every Odoo request went to that credential's server the way it needs.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { pointAtSandbox } from '../../../scripts/lib/sandbox-setup.mjs';
import { isPositive, payoutRequest, traceOf } from '../lib/example.mjs';

export const name = 'example: one workflow file on Odoo 19, Odoo Online, Odoo 17 and a multi-database Odoo';

const EXAMPLE = new URL('../../../examples/royalties-payout.workflow.json', import.meta.url);

const FLAVOURS = [
	{ credential: 'Odoo sandbox', prefix: '/odoo/', transport: 'json2', database: 'sandbox' },
	{ credential: 'Odoo Online sandbox', prefix: '/odoo-online/', transport: 'json2' },
	{ credential: 'Odoo 17 sandbox (JSON-RPC)', prefix: '/odoo17/', transport: 'jsonrpc' },
	{ credential: 'Odoo multi-database sandbox', prefix: '/odoo-multi/', transport: 'json2', database: 'sandbox' },
];

/** The example with its Odoo nodes on one credential, under its own webhook path, id and name (n8n registers no webhook without an id). */
function exampleOn(flavour, sandboxUrl, slug) {
	const workflow = pointAtSandbox(JSON.parse(readFileSync(EXAMPLE, 'utf8')), sandboxUrl);
	const nodes = workflow.nodes.map((node) => {
		if (node.type === 'n8n-nodes-base.webhook') return { ...node, parameters: { ...node.parameters, path: `royalties-payout-${slug}` }, webhookId: randomUUID() };
		if (!node.credentials?.payoutOdooApi) return node;
		return { ...node, credentials: { ...node.credentials, payoutOdooApi: { id: '', name: flavour.credential } } };
	});
	return { ...workflow, name: `${workflow.name} (${flavour.credential})`, nodes };
}

export async function run(ctx) {
	const { assert } = ctx;
	const odooNodes = JSON.parse(readFileSync(EXAMPLE, 'utf8')).nodes.filter((n) => n.credentials?.payoutOdooApi);
	assert.deepEqual(
		[...new Set(odooNodes.map((n) => n.type))].sort(),
		['n8n-nodes-payout-notify.odooCallMethod', 'n8n-nodes-payout-notify.odooMessagePost'],
		'every Odoo step is one of the package\'s nodes',
	);

	for (const [i, flavour] of FLAVOURS.entries()) {
		const slug = `flavour-${i}`;
		const id = await ctx.importWorkflow(exampleOn(flavour, ctx.sandboxUrl, slug));
		await ctx.activate(id);
		const before = (await ctx.sandboxRequests('odoo')).length;
		const request = payoutRequest();

		const response = await ctx.callWebhook(`royalties-payout-${slug}`, request);

		assert.equal(response.status, 200, `${flavour.credential}: ${JSON.stringify(response.body)}`);
		assert.equal(response.body.status, 'paid', flavour.credential);
		const trace = await traceOf(ctx, request.reference);
		assert.equal(trace.transfers.length, 1, `${flavour.credential}: one transfer`);
		assert.equal(trace.moves.length, 1, `${flavour.credential}: one journal entry`);
		assert.equal(trace.moves[0].state, 'posted', `${flavour.credential}: the entry is posted`);
		assert.equal(trace.posts.length, 1, `${flavour.credential}: one chatter post`);
		assert.ok(isPositive(trace.posts[0]), trace.posts[0].body_html);
		assert.equal(trace.posts[0].transport, flavour.transport, `${flavour.credential}: posted over ${flavour.transport}`);

		const odoo = (await ctx.sandboxRequests('odoo')).slice(before);
		const calls = odoo.filter((r) => r.path.includes('/json/2/') || r.path.endsWith('/jsonrpc'));
		assert.ok(calls.length >= 5, `${flavour.credential}: ${calls.length} Odoo calls`);
		for (const r of odoo) {
			assert.ok(r.path.startsWith(flavour.prefix), `${flavour.credential}: ${r.method} ${r.path} went elsewhere`);
			// Odoo 17 has no /web/version: its 404 sends "Detect" to JSON-RPC's common.version.
			const expected = flavour.transport === 'jsonrpc' && r.path.endsWith('/web/version') ? 404 : 200;
			assert.equal(r.status, expected, `${flavour.credential}: ${r.method} ${r.path}`);
			if (r.path.includes('/json/2/')) assert.equal(r.headers['x-odoo-database'], flavour.database, `${flavour.credential}: X-Odoo-Database on ${r.path}`);
		}
		if (flavour.transport === 'jsonrpc') assert.equal(calls.filter((r) => r.path.includes('/json/2/')).length, 0, 'no JSON-2 call to Odoo 17');
	}
}
