// Drag and drop as a person does it with the mouse (page.mouse down / move / up: Chromium turns
// these into the HTML drag events n8n listens to; nothing is dispatched by hand).
//
// What n8n's editor allows (2.8.x and 2.15.x read alike; README "Building a workflow by drag and
// drop" says the same):
// - In the nodes panel's lists a node item is draggable only when it shows no arrow, and every
//   community node shows one (it leads to the node's "Node details" view): `draggable="false"`.
// - That view lists the node's actions, one per option of its `operation` parameter; n8n renders
//   them with an empty `draggable` attribute, which browsers read as "not draggable", so a press
//   and move on an action starts no drag (n8n's own actions, Slack's for one, behave the same).
// - What does drag: a connection pulled out of a node's output "+" and released on the canvas.
//   The panel opens, the person picks the action, and the node lands where the connection was
//   released, connected. Nodes on the canvas drag to wherever the person wants them.
// - In an AI Agent's Tools view (opened from the agent's Tool connector) n8n shows community nodes
//   without the arrow, so the package's nodes drag from the panel there, as tools of the agent.
// The first case pins these facts, with n8n's No Operation node as the control that panel drags
// work in this browser; when n8n changes them, it fails and says what to update.
import { actionItems, actionNames, dragWithMouse, nodeItem, openNodeDetails, openWorkflow, screenshot, searchNodes } from '../lib/editor.mjs';

const PKG = 'n8n-nodes-payout-notify';

// Per node: the action picked and the operation the new node must carry (`default`: what n8n
// stores as "not set", being the default).
export const NODES = [
	{ type: `${PKG}.harasocialPayloadMessage`, displayName: 'Harasocial Payload Message', action: 'Send a payload message', operation: 'sendPayload', isDefault: true },
	{ type: `${PKG}.oneboxMessage`, displayName: 'Onebox Message', action: 'Send a WhatsApp message', operation: 'sendWhatsApp', typeVersion: 2 },
	{ type: `${PKG}.odooMessagePost`, displayName: 'Odoo Message Post', action: 'Post a payout message', operation: 'payout', isDefault: true },
];

const short = (type) => type.split('.')[1];

/** Records the drag events the page sees from now on (to tell a real drop from n8n's click-to-add). */
async function recordDragEvents(page) {
	await page.evaluate(() => {
		window.__dragEvents = [];
		if (window.__dragListening) return;
		window.__dragListening = true;
		for (const type of ['dragstart', 'drop']) document.addEventListener(type, () => window.__dragEvents.push(type), true);
	});
}
const dragEvents = (page) => page.evaluate(() => window.__dragEvents ?? []);

/** Closes everything the editor shows over the canvas (NDV, nodes panel). */
async function backToCanvas(page) {
	for (let i = 0; i < 4; i++) {
		const ndv = await page.getByTestId('ndv').isVisible();
		const panel = await page.getByTestId('node-creator').isVisible();
		if (!ndv && !panel) return;
		await page.keyboard.press('Escape');
		await page.waitForTimeout(400);
	}
}

/** Saves with the editor's own shortcut; resolves to the workflow as n8n stored it once `done(workflow)` holds. */
async function saveAndLoad(ctx, page, id, done) {
	await page.keyboard.press('Control+s');
	let workflow;
	for (let i = 0; i < 40; i++) {
		workflow = await ctx.rest.get(`/workflows/${id}`);
		if (done(workflow)) return workflow;
		await page.waitForTimeout(250);
	}
	return workflow;
}

async function panelRule(ctx) {
	const { assert } = ctx;
	const page = await ctx.page();
	await openWorkflow(page, ctx.n8nUrl, await ctx.workflowWithTrigger('What the nodes panel lets people drag'));
	const start = await page.getByTestId('canvas-node').first().boundingBox();

	// Control: a built-in node without actions drags from the list and lands where it is dropped.
	await page.getByTestId('node-creator-plus-button').click();
	await searchNodes(page, 'No Operation');
	await recordDragEvents(page);
	const target = { x: Math.round(start.x - 200), y: Math.round(start.y + start.height + 150) };
	await dragWithMouse(page, nodeItem(page, 'No Operation, do nothing').first(), target);
	assert.deepEqual(await dragEvents(page), ['dragstart', 'drop'], 'a mouse drag of No Operation in this browser fires no dragstart/drop: the drag helper is broken, not n8n');
	const noOp = page.locator('[data-test-id="canvas-node"][data-node-type="n8n-nodes-base.noOp"]');
	await noOp.waitFor();
	const landed = await noOp.boundingBox();
	assert.ok(Math.abs(landed.x - target.x) <= 30 && Math.abs(landed.y - target.y) <= 30, `No Operation landed at ${landed.x},${landed.y}, not at the drop point ${target.x},${target.y}`);
	await backToCanvas(page);

	const facts = [];
	for (const node of ctx.nodeTypes) {
		await page.getByTestId('node-creator-plus-button').click();
		await searchNodes(page, node.displayName);
		const listed = await nodeItem(page, node.displayName).first().getAttribute('draggable');
		await openNodeDetails(page, node.displayName);
		const actions = await actionNames(page);
		const hasOperation = node.properties.some((p) => p.name === 'operation');
		assert.equal(actions.length > 0, hasOperation, `${node.displayName}: ${hasOperation ? 'has an operation parameter but its details view lists no actions' : `lists actions (${actions.join(', ')}) without an operation parameter`}`);
		let actionDraggable = null;
		if (actions.length) {
			const action = actionItems(page).first().locator('[draggable]').first();
			actionDraggable = { attribute: await action.getAttribute('draggable'), property: await action.evaluate((e) => e.draggable) };
			if (node.name.endsWith('.harasocialPayloadMessage')) await screenshot(page, ctx.shots, 'drag-node-details-actions');
			await recordDragEvents(page);
			const before = await page.getByTestId('canvas-node').count();
			await dragWithMouse(page, action, { x: target.x + 300, y: target.y });
			await page.waitForTimeout(800);
			const events = await dragEvents(page);
			facts.push({ node: node.displayName, listed, actions, actionDraggable, events });
			// n8n takes the press and release for a click on the action and adds the node its own way.
			if ((await page.getByTestId('canvas-node').count()) > before) await page.keyboard.press('Control+z');
		} else {
			facts.push({ node: node.displayName, listed, actions, addToWorkflow: await page.getByRole('button', { name: 'Add to workflow' }).isVisible() });
		}
		await backToCanvas(page);
	}
	ctx.log(`n8n ${ctx.runtime} nodes panel: ${JSON.stringify(facts)}`);
	for (const f of facts) {
		assert.equal(f.listed, 'false', `n8n ${ctx.runtime} lets ${f.node} be dragged from the search list now: README "Building a workflow by drag and drop" and this case need updating`);
		if (f.actions.length) {
			assert.deepEqual(f.actionDraggable, { attribute: '', property: false }, `n8n ${ctx.runtime} renders ${f.node}'s actions draggable now (${JSON.stringify(f.actionDraggable)}): update README and drag them in this case`);
			assert.deepEqual(f.events, [], `a mouse drag of ${f.node}'s action fired ${f.events.join(', ')}`);
		} else {
			assert.ok(f.addToWorkflow, `${f.node}'s details view shows neither actions nor "Add to workflow"`);
		}
	}
}

async function dragConnectionThenPick(ctx, node) {
	const { assert } = ctx;
	const page = await ctx.page();
	const id = await ctx.workflowWithTrigger(`Build by drag and drop: ${node.displayName}`, { trigger: 'Payout Item' });
	await openWorkflow(page, ctx.n8nUrl, id);
	const trigger = await page.getByTestId('canvas-node').first().boundingBox();
	const handle = page.getByTestId('canvas-node-output-handle').first();
	const release = { x: Math.round(trigger.x + trigger.width + 260), y: Math.round(trigger.y + trigger.height / 2 + 140) };

	// Pull a connection out of the trigger's output and let go on empty canvas: the panel opens.
	await dragWithMouse(page, handle, release);
	await page.getByTestId('node-creator-search-bar').waitFor();
	await searchNodes(page, node.displayName);
	await openNodeDetails(page, node.displayName);
	const actions = await actionNames(page);
	if (actions.length) {
		assert.ok(actions.includes(node.action), `${node.displayName} lists no action "${node.action}" (lists ${actions.join(', ')})`);
		await actionItems(page).filter({ hasText: node.action }).first().click();
	} else {
		await page.getByRole('button', { name: 'Add to workflow' }).click();
	}
	await page.getByTestId('ndv').waitFor();
	await backToCanvas(page);

	const added = page.locator(`[data-test-id="canvas-node"][data-node-type="${node.type}"]`);
	await added.waitFor();
	const box = await added.boundingBox();
	// n8n puts the node's input where the connection was released.
	assert.ok(Math.abs(box.x - release.x) <= 30 && Math.abs(box.y + box.height / 2 - release.y) <= 30, `${node.displayName} landed at ${Math.round(box.x)},${Math.round(box.y)}, not where the connection was released (${release.x},${release.y})`);
	await screenshot(page, ctx.shots, `drag-connection-${short(node.type)}`);

	let workflow = await saveAndLoad(ctx, page, id, (w) => w.nodes.length >= 2);
	const saved = workflow.nodes.find((n) => n.type === node.type);
	assert.ok(saved, `the saved workflow holds no ${node.displayName}: ${workflow.nodes.map((n) => n.type).join(', ')}`);
	if (node.typeVersion) assert.equal(saved.typeVersion, node.typeVersion, `${node.displayName} was added as version ${saved.typeVersion}`);
	if (actions.length) assert.equal(saved.parameters.operation ?? (node.isDefault ? node.operation : undefined), node.operation, `${node.displayName} does not carry the picked action's operation (${JSON.stringify(saved.parameters)})`);
	assert.deepEqual(workflow.connections['Payout Item']?.main, [[{ node: saved.name, type: 'main', index: 0 }]], `${node.displayName} is not connected from Payout Item`);

	// Then place it: drag the node on the canvas; it moves and stays connected.
	const moveBy = { x: 120, y: -100 };
	await dragWithMouse(page, added, { x: box.x + box.width / 2 + moveBy.x, y: box.y + box.height / 2 + moveBy.y }, { steps: 15 });
	const moved = await added.boundingBox();
	assert.ok(Math.abs(moved.x - box.x - moveBy.x) <= 30 && Math.abs(moved.y - box.y - moveBy.y) <= 30, `dragging ${node.displayName} on the canvas moved it by ${Math.round(moved.x - box.x)},${Math.round(moved.y - box.y)}, not ${moveBy.x},${moveBy.y}`);
	await page.waitForTimeout(300);
	workflow = await saveAndLoad(ctx, page, id, (w) => JSON.stringify(w.nodes.find((n) => n.type === node.type)?.position) !== JSON.stringify(saved.position));
	const after = workflow.nodes.find((n) => n.type === node.type);
	assert.notDeepEqual(after.position, saved.position, `the moved ${node.displayName} was saved at its old position`);
	assert.deepEqual(workflow.connections['Payout Item']?.main, [[{ node: saved.name, type: 'main', index: 0 }]], `moving ${node.displayName} lost its connection`);
	assert.equal(await page.locator(`[data-test-id="edge"][data-source-node-name="Payout Item"][data-target-node-name="${saved.name}"]`).count(), 1, `the canvas draws no connection Payout Item -> ${saved.name}`);
	await screenshot(page, ctx.shots, `drag-moved-${short(node.type)}`);
}

/** The newest version of a node type n8n knows, from the editor's own node list. */
async function newestVersion(ctx, type) {
	const res = await fetch(`${ctx.n8nUrl}/types/nodes.json`, { headers: { cookie: ctx.cookie } });
	const found = (await res.json()).filter((t) => t.name === type).flatMap((t) => (Array.isArray(t.version) ? t.version : [t.version]));
	if (!found.length) throw new Error(`n8n ${ctx.runtime} has no ${type}`);
	return Math.max(...found);
}

async function dragToolsOntoAgent(ctx) {
	const { assert } = ctx;
	const agentType = '@n8n/n8n-nodes-langchain.agent';
	const body = {
		name: 'An agent that notifies rights holders',
		nodes: [{ id: 'agent', name: 'AI Agent', type: agentType, typeVersion: await newestVersion(ctx, agentType), position: [0, 0], parameters: {} }],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const { id } = await ctx.rest.post('/workflows', body);
	const page = await ctx.page();
	await openWorkflow(page, ctx.n8nUrl, id);
	const agent = await page.getByTestId('canvas-node').first().boundingBox();
	const toolHandle = page.locator('[data-test-id="canvas-node-input-handle"][data-connection-type="ai_tool"]');
	const dropped = [];
	for (const [i, node] of NODES.entries()) {
		await toolHandle.getByTestId('canvas-handle-plus').click();
		await searchNodes(page, node.displayName);
		const tool = nodeItem(page, `${node.displayName} Tool`).or(nodeItem(page, node.displayName)).first();
		assert.equal(await tool.getAttribute('draggable'), 'true', `${node.displayName} is not draggable in the agent's Tools view of n8n ${ctx.runtime}`);
		await recordDragEvents(page);
		const target = { x: Math.round(agent.x - 220 + i * 160), y: Math.round(agent.y + agent.height + 170) };
		await dragWithMouse(page, tool, target);
		assert.deepEqual(await dragEvents(page), ['dragstart', 'drop'], `dragging ${node.displayName} from the Tools view fired ${(await dragEvents(page)).join(', ')}`);
		await page.getByTestId('ndv').waitFor().catch(() => {});
		await backToCanvas(page);
		const added = page.locator(`[data-test-id="canvas-node"][data-node-type="${node.type}Tool"]`);
		await added.waitFor();
		const box = await added.boundingBox();
		assert.ok(Math.abs(box.x - target.x) <= 40 && Math.abs(box.y - target.y) <= 40, `${node.displayName} Tool landed at ${Math.round(box.x)},${Math.round(box.y)}, not at the drop point ${target.x},${target.y}`);
		dropped.push(node);
	}
	await screenshot(page, ctx.shots, 'drag-tools-onto-agent');
	const workflow = await saveAndLoad(ctx, page, id, (w) => w.nodes.length === 1 + NODES.length);
	for (const node of dropped) {
		const saved = workflow.nodes.find((n) => n.type === `${node.type}Tool`);
		assert.ok(saved, `the saved workflow holds no ${node.displayName} Tool`);
		assert.deepEqual(workflow.connections[saved.name]?.ai_tool, [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]], `${saved.name} is not connected to the agent as a tool`);
	}
}

export const cases = [
	{
		name: 'drag and drop, n8n\'s rule: No Operation drags from the panel to the drop point; the package\'s nodes are not draggable in the list, their details view lists their actions, which n8n renders not draggable',
		timeoutMs: 150_000,
		run: panelRule,
	},
	...NODES.map((node) => ({
		name: `drag and drop: a connection dragged out of the trigger and released on the canvas, then ${node.displayName} "${node.action}": lands at the release point, connected, with its operation; dragging it on the canvas moves it`,
		run: (ctx) => dragConnectionThenPick(ctx, node),
	})),
	{
		name: 'drag and drop, AI Agent: from the Tools view opened at the agent\'s Tool connector, each node of the package drags onto the canvas, lands at the drop point, connected as a tool',
		timeoutMs: 120_000,
		run: dragToolsOntoAgent,
	},
];
