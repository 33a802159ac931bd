// The example as a new user meets it: imported by file, then a second copy by paste, into an n8n
// that has the credentials by the names the setup note gives (the stack creates them as `npm start`
// does). The import by file fills every credential by name (no node with an issue). Before the paste
// a second credential takes the name "Stripe sandbox": n8n leaves the Stripe nodes to the person, who
// picks it in one node (2.8.4; 2.15.1 offers "Set up credential", a new one) and n8n fills the others. Each time the user follows the setup note (Payout
// Settings' stripeUrl, here the sandbox), publishes, and a payout runs to `paid`. The pasted copy
// first meets n8n's "Conflicting Webhook Path", then gets its own path and name as the README says.
import { readFileSync } from 'node:fs';

import { SANDBOX_SECRETS } from '../../../sandbox/secrets.mjs';
import { callWebhook, ROOT } from '../../../scripts/lib/n8n-driver.mjs';
import { WEBHOOK_AUTH } from '../../../scripts/lib/sandbox-setup.mjs';
import { dismissToasts, screenshot } from '../lib/editor.mjs';

const FILE = `${ROOT}/examples/royalties-payout.workflow.json`;
const VIEWPORT = { width: 1600, height: 1000 };
const COPY = { name: 'Royalties payout with notifications (copy)', path: 'royalties-payout-copy' };

const listOf = (r) => (Array.isArray(r) ? r : (r.data ?? []));

function payoutRequest(tag) {
	const reference = `PAY-IMPORT-${tag}-${Date.now().toString(36)}`;
	return { partner_ref: 'RH-0007', reference, amount: 125.5, currency: 'EUR', payout_link: `https://pay.example.com/status/${reference}` };
}

async function newWorkflow(ctx) {
	const page = await ctx.page({ viewport: VIEWPORT });
	await page.goto(`${ctx.n8nUrl}/workflow/new`);
	await page.getByTestId('workflow-menu').waitFor();
	return page;
}

/** Waits until the imported nodes are drawn; resolves to the names of nodes that show an issue. */
async function importedNodes(page, expected) {
	await page.waitForFunction((n) => document.querySelectorAll('[data-test-id="canvas-node"]').length >= n, expected);
	await page.waitForTimeout(1000);
	await page.getByTestId('zoom-to-fit').click();
	await page.waitForTimeout(600);
	return page.getByTestId('canvas-node').evaluateAll((els) =>
		els.filter((el) => el.querySelector('[data-icon="node-validation-error"], [data-test-id="canvas-node-status-warning"]')).map((el) => el.getAttribute('data-node-name')),
	);
}

/** Zooms the canvas (Ctrl + mouse wheel, as a person does) until these sticky notes fill the view. */
async function zoomOnto(page, stickies) {
	const boxes = await Promise.all(stickies.map((name) => page.locator(`[data-node-type="n8n-nodes-base.stickyNote"][data-node-name="${name}"]`).boundingBox()));
	const left = Math.min(...boxes.map((b) => b.x));
	const right = Math.max(...boxes.map((b) => b.x + b.width));
	const top = Math.min(...boxes.map((b) => b.y));
	const bottom = Math.max(...boxes.map((b) => b.y + b.height));
	await page.mouse.move(left, top);
	await page.keyboard.down('Control');
	for (let i = 0; i < 40; i++) {
		const now = await page.locator(`[data-node-type="n8n-nodes-base.stickyNote"][data-node-name="${stickies.at(-1)}"]`).boundingBox();
		if (now.x + now.width > VIEWPORT.width * 0.9) break;
		await page.mouse.wheel(0, -100);
		await page.waitForTimeout(80);
	}
	await page.keyboard.up('Control');
	await page.waitForTimeout(400);
	return { left, right, top, bottom };
}

async function openNode(page, name) {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	const ndv = page.getByTestId('ndv');
	await ndv.getByTestId('node-parameters').waitFor();
	return ndv;
}

async function closeNode(page) {
	if (!(await page.getByTestId('ndv').isVisible())) return;
	await page.getByTestId('ndv').getByTestId('ndv-close-button').click();
	await page.getByTestId('ndv').waitFor({ state: 'hidden' });
}

/** The setup note's step 2: Payout Settings' stripeUrl set (here the sandbox's Stripe). */
async function setStripeUrl(ctx, page, shot) {
	const ndv = await openNode(page, 'Payout Settings');
	const first = ndv.getByTestId('assignment').first();
	ctx.assert.equal(await first.getByTestId('assignment-name').locator('input').first().inputValue(), 'stripeUrl');
	const value = first.getByTestId('assignment-value').locator('input').first();
	await value.fill(`${ctx.sandboxUrl}/stripe`);
	await value.blur();
	if (shot) await screenshot(page, ctx.shots, shot);
	await closeNode(page);
}

/** Publish with a version name; resolves to { published, toasts } as n8n answered it. */
async function publish(page) {
	await dismissToasts(page);
	await page.getByTestId('workflow-open-publish-modal-button').click();
	const modal = page.getByTestId('workflowPublish-modal');
	const name = modal.getByTestId('workflow-publish-version-name-input');
	if (!(await name.inputValue())) await name.fill('First run');
	await modal.getByTestId('workflow-publish-button').click();
	// Success is a dialog ("Workflow published"); a path taken by another workflow, another dialog; other refusals a toast.
	const done = page.getByText('Workflow published', { exact: true });
	const conflict = page.getByText('Conflicting Webhook Path', { exact: true });
	await done.or(conflict).or(page.locator('.el-notification')).first().waitFor({ timeout: 20_000 });
	await page.waitForTimeout(500);
	return {
		published: await done.isVisible(),
		conflict: (await conflict.isVisible()) ? await page.locator('.el-dialog', { has: conflict }).last().innerText() : null,
		toasts: await page.locator('.el-notification').allInnerTexts(),
	};
}

async function closePublishedDialog(page) {
	await page.getByRole('button', { name: 'Got it' }).click();
	await page.getByText('Workflow published', { exact: true }).waitFor({ state: 'hidden' });
}

async function activeWorkflow(ctx, name) {
	const list = await ctx.rest.get(`/workflows?filter=${encodeURIComponent(JSON.stringify({ name }))}`);
	return (list.data ?? list).filter((w) => w.name === name && !w.isArchived);
}

async function paidRun(ctx, path, tag) {
	const request = payoutRequest(tag);
	const response = await callWebhook(ctx.n8nUrl, path, request, { headers: WEBHOOK_AUTH });
	ctx.assert.equal(response.status, 200, JSON.stringify(response.body));
	ctx.assert.equal(response.body.status, 'paid', JSON.stringify(response.body));
	const state = await ctx.sandboxState();
	ctx.assert.equal(state.stripe.transfers.filter((t) => t.transfer_group === request.reference).length, 1, 'one transfer');
	ctx.assert.equal(state.odoo.messages.filter((m) => m.model === 'res.partner' && String(m.subject).includes(request.reference)).length, 1, 'one chatter post');
}

export const cases = [
	{
		name: 'import the example by file, then a second copy by paste: credentials filled by name, setup note followed, published, a payout runs to paid; the copy meets "Conflicting Webhook Path" until it gets its own path',
		timeoutMs: 300_000,
		async run(ctx) {
			const { assert } = ctx;
			const text = readFileSync(FILE, 'utf8');
			const json = JSON.parse(text);
			const expected = json.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length;
			const created = [];
			const twins = [];
			try {
				// By file: the "…" menu, "Import from file...", the file as shipped.
				const page = await newWorkflow(ctx);
				await page.getByTestId('workflow-menu').click();
				const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('workflow-menu-item-import-from-file').click()]);
				await chooser.setFiles(FILE);
				assert.deepEqual(await importedNodes(page, expected), [], 'nodes with an issue after Import from File');
				await screenshot(page, ctx.shots, 'import-1-from-file');
				await zoomOnto(page, ['Note: Setup', 'Note: Payout Settings']);
				await screenshot(page, ctx.shots, 'import-1-setup-note');
				await page.getByTestId('zoom-to-fit').click();
				await page.waitForTimeout(600);
				const webhook = await openNode(page, 'Payout Request');
				assert.match(await webhook.getByTestId('node-credentials-select').locator('input').first().inputValue(), /^Payout webhook token$/);
				await screenshot(page, ctx.shots, 'import-2-credential-filled');
				await closeNode(page);
				await setStripeUrl(ctx, page, 'import-3-payout-settings');
				const published = await publish(page);
				assert.ok(published.published, published.toasts.join(' | '));
				await screenshot(page, ctx.shots, 'import-4-published');
				await closePublishedDialog(page);
				const [first] = await activeWorkflow(ctx, json.name).then((l) => l.filter((w) => w.active || w.activeVersionId));
				assert.ok(first, 'the imported workflow is published');
				created.push(first.id);
				await paidRun(ctx, 'royalties-payout', 'FILE');

				// By paste: Ctrl+V of the file's text onto an empty canvas. A second credential named "Stripe
				// sandbox" (say a teammate's) makes that name ambiguous: n8n leaves those nodes to the person.
				const twin = await ctx.rest.post('/credentials', { name: 'Stripe sandbox', type: 'stripeApi', data: { secretKey: SANDBOX_SECRETS.stripe.secretKey } });
				twins.push(twin.id);
				const second = await newWorkflow(ctx);
				await second.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.n8nUrl });
				await second.evaluate((t) => navigator.clipboard.writeText(t), text);
				await second.locator('#canvas, [data-test-id="canvas"]').first().click({ position: { x: 600, y: 400 } }).catch(() => {});
				await second.keyboard.press('Control+V');
				const stripeNodes = json.nodes.filter((n) => n.credentials?.stripeApi).map((n) => n.name).sort();
				assert.deepEqual((await importedNodes(second, expected)).sort(), stripeNodes, 'after paste, only the nodes of the ambiguous credential show an issue');
				await screenshot(second, ctx.shots, 'import-5-pasted');
				// The setup note's step 1: open one of them and pick the credential; n8n fills the others.
				const stripe = await openNode(second, stripeNodes[0]);
				if (await stripe.getByTestId('setup-credential-button').isVisible()) {
					// 2.15.1 offers "Set up credential" (a new one) where 2.8.4 lists the credentials to pick.
					await stripe.getByTestId('setup-credential-button').click();
					const dialog = second.getByTestId('editCredential-modal');
					await dialog.getByTestId('parameter-input-secretKey').locator('input').fill(SANDBOX_SECRETS.stripe.secretKey);
					await dialog.getByTestId('credential-save-button').click();
					await second.locator('.el-notification').filter({ hasText: 'Node credential updated' }).first().waitFor();
					const fresh = listOf(await ctx.rest.get('/credentials')).filter((c) => c.type === 'stripeApi' && c.name !== 'Stripe sandbox');
					twins.push(...fresh.map((c) => c.id));
					await screenshot(second, ctx.shots, 'import-5-credential-set-up');
					await second.keyboard.press('Escape');
					await dialog.waitFor({ state: 'hidden' });
					// Escape closes the credential dialog and, on 2.15.1, the node with it.
					await closeNode(second);
					assert.deepEqual(await importedNodes(second, expected), [], 'nodes with an issue after setting the credential up in one node');
				} else {
					await stripe.getByTestId('node-credentials-select').click();
					await second.locator('.el-select-dropdown__item:visible, [role="option"]:visible').filter({ hasText: 'Stripe sandbox' }).first().click();
					await second.locator('.el-notification').filter({ hasText: 'Node credential updated' }).first().waitFor();
					await second.waitForTimeout(500);
					await screenshot(second, ctx.shots, 'import-5-credential-picked');
					await closeNode(second);
					assert.deepEqual(await importedNodes(second, expected), [], 'nodes with an issue after picking the credential in one node');
				}
				await setStripeUrl(ctx, second);
				const refused = await publish(second);
				assert.ok(!refused.published && refused.conflict, `publishing a second copy on the same path: ${JSON.stringify(refused)}`);
				assert.match(refused.conflict, /A webhook trigger 'Payout Request' in the workflow 'Royalties payout with notifications' uses a conflicting URL path/);
				await screenshot(second, ctx.shots, 'import-6-conflicting-path');
				await second.getByRole('button', { name: 'Done' }).click();
				await second.getByText('Conflicting Webhook Path', { exact: true }).waitFor({ state: 'hidden' });
				// The publish dialog stays open behind it.
				const cancel = second.getByTestId('workflow-publish-cancel-button');
				if (await cancel.isVisible()) await cancel.click();
				await second.getByTestId('workflowPublish-modal').waitFor({ state: 'hidden' });
				// The README's second copy: its own webhook path and name.
				const node = await openNode(second, 'Payout Request');
				const path = node.getByTestId('parameter-input-path').locator('input').first();
				await path.fill(COPY.path);
				await path.blur();
				await closeNode(second);
				await second.getByTestId('inline-edit-preview').first().click();
				await second.getByTestId('inline-edit-input').first().fill(COPY.name);
				await second.keyboard.press('Enter');
				const ok = await publish(second);
				assert.ok(ok.published, ok.toasts.join(' | '));
				await screenshot(second, ctx.shots, 'import-7-copy-published');
				await closePublishedDialog(second);
				const [copy] = await activeWorkflow(ctx, COPY.name);
				assert.ok(copy, `a workflow named "${COPY.name}"`);
				created.push(copy.id);
				await paidRun(ctx, COPY.path, 'PASTE');
			} finally {
				for (const id of created) await ctx.rest.post(`/workflows/${id}/deactivate`, {}).catch(() => {});
				for (const id of twins) await ctx.rest.delete(`/credentials/${id}`).catch(() => {});
			}
		},
	},
];
