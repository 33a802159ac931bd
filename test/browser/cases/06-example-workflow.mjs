// The example workflow (examples/royalties-payout.workflow.json) as an operator opens it: every node
// recognized (no "?"), no warnings, the success and error branches drawn into the notification,
// and sticky notes that can be read (not under nodes, not under each other).
import { openWorkflow, screenshot } from '../lib/editor.mjs';

const PKG = 'n8n-nodes-payout-notify.';
const STICKY = 'n8n-nodes-base.stickyNote';
// Wide enough that "zoom to fit" leaves the node names readable in the screenshot.
const CANVAS_VIEWPORT = { width: 2400, height: 1000 };

async function openExample(ctx, theme = 'light') {
	const page = await ctx.page({ theme, viewport: CANVAS_VIEWPORT });
	await openWorkflow(page, ctx.n8nUrl, ctx.example.id);
	const expected = ctx.example.json.nodes.filter((n) => n.type !== STICKY).length;
	await page.waitForFunction((n) => document.querySelectorAll('[data-test-id="canvas-node"]').length >= n, expected);
	// The canvas fits the view on open; the button is what a person presses to get back to that.
	await page.getByTestId('zoom-to-fit').click();
	await page.waitForTimeout(800);
	// Icons are <img>; wait until they settle so the checks and screenshots see them drawn.
	await page.waitForFunction(() => [...document.querySelectorAll('[data-test-id="canvas-node"] img')].every((i) => i.complete));
	return page;
}

export const cases = [
	{
		name: 'example workflow: every node recognized (no "?"), icons drawn, no issue warnings, success and error branches reach the notification',
		async run(ctx) {
			const { assert } = ctx;
			const { json } = ctx.example;
			const page = await openExample(ctx);
			const nodes = await page.getByTestId('canvas-node').evaluateAll((els) =>
				els.map((el) => {
					const img = el.querySelector('img');
					return {
						name: el.getAttribute('data-node-name'),
						type: el.getAttribute('data-node-type'),
						unknown: !!el.querySelector('[data-icon="hard-drive-download"]') || /^\s*\?/.test(el.innerText),
						issues: !!el.querySelector('[data-icon="node-validation-error"], [data-test-id="canvas-node-status-warning"]'),
						icon: img ? { src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0 } : null,
						errorLabel: [...el.querySelectorAll('[class*="_outputLabel_"]')].some((l) => l.textContent.trim() === 'Error'),
					};
				}),
			);
			const wanted = json.nodes.filter((n) => n.type !== STICKY);
			assert.deepEqual(nodes.map((n) => n.name).sort(), wanted.map((n) => n.name).sort(), 'the canvas does not show the workflow\'s nodes');
			const problems = [];
			for (const n of nodes) {
				if (n.unknown) problems.push(`${n.name} (${n.type}) is not recognized ("?")`);
				if (n.issues) problems.push(`${n.name} shows an issue warning`);
				if (n.type.startsWith(PKG) && !n.icon?.loaded) problems.push(`${n.name}: icon ${n.icon?.src ?? '(none)'} not drawn`);
			}
			const ours = nodes.filter((n) => n.type.startsWith(PKG)).map((n) => n.type.slice(PKG.length)).sort();
			assert.deepEqual(
				[...new Set(ours)],
				['harasocialPayloadMessage', 'odooCallMethod', 'odooMessagePost', 'oneboxMessage'],
				'the example does not use the package\'s nodes',
			);
			// Odoo is reached through the package's nodes only: no HTTP Request node carries the Odoo credential.
			const httpToOdoo = json.nodes.filter((n) => n.type === 'n8n-nodes-base.httpRequest' && (n.credentials?.payoutOdooApi || n.parameters?.nodeCredentialType === 'payoutOdooApi'));
			assert.deepEqual(httpToOdoo.map((n) => n.name), [], 'HTTP Request nodes still call Odoo');

			// Every step that can fail shows its error output ("Error"), drawn into "8. Notify Partner".
			const edges = await page.getByTestId('edge').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-source-node-name')} -> ${e.getAttribute('data-target-node-name')}`));
			const connections = new Set();
			for (const [from, outputs] of Object.entries(json.connections)) for (const out of outputs.main ?? []) for (const c of out ?? []) connections.add(`${from} -> ${c.node}`);
			for (const c of connections) if (!edges.includes(c)) problems.push(`connection ${c} not drawn`);
			for (const n of json.nodes.filter((x) => x.onError === 'continueErrorOutput')) {
				if (!nodes.find((x) => x.name === n.name)?.errorLabel) problems.push(`${n.name} shows no "Error" output`);
				const errorTargets = (json.connections[n.name]?.main?.[1] ?? []).map((c) => c.node);
				if (!errorTargets.length) problems.push(`${n.name}'s error output is not connected`);
				for (const t of errorTargets) if (!edges.includes(`${n.name} -> ${t}`)) problems.push(`error branch ${n.name} -> ${t} not drawn`);
			}
			const stickies = await page.locator(`[data-node-type="${STICKY}"]`).count();
			assert.ok(stickies >= 3, `the canvas shows ${stickies} sticky notes`);
			await screenshot(page, ctx.shots, 'example-workflow');
			assert.deepEqual(problems, []);
		},
	},
	{
		name: 'example workflow (dark theme): nodes recognized, sticky notes readable (none under a node, none under another note)',
		async run(ctx) {
			const page = await openExample(ctx, 'dark');
			ctx.assert.equal(await page.locator('[data-test-id="canvas-node"] [data-icon="hard-drive-download"]').count(), 0, 'unrecognized nodes in dark theme');
			await screenshot(page, ctx.shots, 'example-workflow-dark');
			const boxes = await page.evaluate((sticky) => {
				const box = (el) => {
					const r = el.getBoundingClientRect();
					return { x: r.x, y: r.y, w: r.width, h: r.height };
				};
				return {
					stickies: [...document.querySelectorAll(`[data-node-type="${sticky}"][data-node-name]`)].map((el) => ({ name: el.getAttribute('data-node-name'), ...box(el) })),
					nodes: [...document.querySelectorAll('[data-test-id="canvas-node"]')].map((el) => ({ name: el.getAttribute('data-node-name'), ...box(el) })),
				};
			}, STICKY);
			const overlap = (a, b) => {
				const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
				const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
				return w > 1 && h > 1 ? { w, h } : null;
			};
			const { json } = ctx.example;
			const size = (name) => {
				const n = json.nodes.find((x) => x.name === name);
				return `at [${n.position}] ${n.parameters.width}x${n.parameters.height}`;
			};
			const problems = [];
			for (const s of boxes.stickies) {
				const under = boxes.nodes.filter((n) => overlap(s, n)).map((n) => `${n.name} [${json.nodes.find((x) => x.name === n.name)?.position}]`);
				if (under.length) problems.push(`sticky "${s.name}" (${size(s.name)}) lies under ${under.join(', ')}`);
			}
			for (let i = 0; i < boxes.stickies.length; i++) {
				for (let j = i + 1; j < boxes.stickies.length; j++) {
					const [a, b] = [boxes.stickies[i], boxes.stickies[j]];
					if (overlap(a, b)) problems.push(`stickies "${a.name}" (${size(a.name)}) and "${b.name}" (${size(b.name)}) overlap`);
				}
			}
			ctx.assert.deepEqual(problems, [], 'examples/royalties-payout.workflow.json: sticky notes cover nodes or each other');
		},
	},
];
