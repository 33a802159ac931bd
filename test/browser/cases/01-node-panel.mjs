// The node panel ("What happens next?"): the package's nodes are found by their names and by what
// people type, each with its icon drawn (light and dark variant), and say what they do.
import { listedNodes, openNodeDetails, openWorkflow, screenshot, searchNodes } from '../lib/editor.mjs';

const PKG = 'n8n-nodes-payout-notify';
const ODOO = `${PKG}.odooMessagePost`;
const HARASOCIAL = `${PKG}.harasocialPayloadMessage`;
const ONEBOX = `${PKG}.oneboxMessage`;

// What people type -> the nodes of this package it must list (search matches display names and
// the codex `alias` in nodes/*/*.node.json).
export const SEARCHES = {
	'Odoo Message Post': [ODOO],
	'Harasocial Payload Message': [HARASOCIAL],
	'Onebox Message': [ONEBOX],
	odoo: [ODOO],
	chatter: [ODOO],
	messenger: [HARASOCIAL],
	whatsapp: [ONEBOX],
	email: [ONEBOX],
	notify: [ODOO, HARASOCIAL, ONEBOX],
};

async function checkSearches(ctx, theme, searches = SEARCHES) {
	const { assert } = ctx;
	const page = await ctx.page({ theme });
	await openWorkflow(page, ctx.n8nUrl, await ctx.workflowWithTrigger(`Find the payout nodes (${theme} theme)`));
	assert.equal(await page.evaluate(() => document.body.getAttribute('data-theme')), theme, `the editor is not in ${theme} theme`);
	const problems = [];
	const suffix = theme === 'dark' ? '.dark.svg' : '.svg';
	for (const [term, expected] of Object.entries(searches)) {
		await searchNodes(page, term);
		const listed = await listedNodes(page);
		const ours = listed.filter((n) => n.type.startsWith(`${PKG}.`));
		for (const type of expected) {
			const hit = ours.find((n) => n.type === type);
			if (!hit) {
				const alias = type.split('.')[1];
				problems.push(`"${term}" does not list ${type} (listed: ${listed.map((n) => n.name).join(', ') || 'nothing'}); add "${term.toLowerCase()}" to "alias" in nodes/${alias[0].toUpperCase()}${alias.slice(1)}/${alias[0].toUpperCase()}${alias.slice(1)}.node.json`);
				continue;
			}
			const icon = hit.icons[0];
			if (!icon || hit.questionMark) problems.push(`"${term}": ${hit.name} shows no icon ("?")`);
			else if (!icon.loaded) problems.push(`"${term}": ${hit.name} icon ${icon.src} did not load`);
			else if (!(icon.opaque > 0.1)) problems.push(`"${term}": ${hit.name} icon ${icon.src} draws (almost) nothing (${Math.round(icon.opaque * 100)}% opaque)`);
			else if (!icon.src.endsWith(suffix) || (theme === 'light' && icon.src.endsWith('.dark.svg'))) problems.push(`"${term}": ${hit.name} shows ${icon.src} in ${theme} theme`);
		}
		const unexpected = ours.filter((n) => !expected.includes(n.type));
		if (unexpected.length && !['notify'].includes(term)) ctx.log(`"${term}" also lists ${unexpected.map((n) => n.name).join(', ')}`);
		if (term === 'notify') await screenshot(page, ctx.shots, theme === 'dark' ? 'node-panel-search-dark' : 'node-panel-search');
	}
	return { page, problems };
}

export const cases = [
	{
		name: 'node panel: names and "odoo", "chatter", "messenger", "whatsapp", "email", "notify" find the nodes, icons drawn, descriptions say what they do (light theme)',
		async run(ctx) {
			const { page, problems } = await checkSearches(ctx, 'light');
			// A community node opens n8n 2.x's "Node details" view: its description is the node's own.
			for (const type of ctx.nodeTypes) {
				await searchNodes(page, type.displayName);
				const details = await openNodeDetails(page, type.displayName);
				if (details.title !== type.displayName) problems.push(`details of ${type.name} titled "${details.title}"`);
				if (details.description !== type.description) problems.push(`details of ${type.displayName} show "${details.description}", not its description "${type.description}"`);
				if (!/^[A-Z][a-z]+ .{20,}[^.]$/.test(type.description)) problems.push(`${type.displayName}'s description "${type.description}" should be one sentence-case phrase of what it does`);
				await screenshot(page, ctx.shots, `node-details-${type.name.split('.')[1]}`);
				await page.getByTestId('nodes-list-header').locator('button').first().click();
			}
			ctx.assert.deepEqual(problems, []);
		},
	},
	{
		name: 'node panel: dark theme shows each node\'s dark icon, drawn ("notify" lists all three)',
		async run(ctx) {
			const { problems } = await checkSearches(ctx, 'dark', { notify: SEARCHES.notify });
			ctx.assert.deepEqual(problems, []);
		},
	},
];
