// Odoo Call Method as an operator adds it: found by "Odoo Call" after a trigger, the model picked
// from Odoo's own list, the method from the suggestions, and "Execute step" returning the records.
import { chooseCredential, dismissToasts, executeStep, openWorkflow, parameterFacts, pickFromList, screenshot, searchNodes } from '../lib/editor.mjs';
import { checkFields, reportFields } from '../lib/fields.mjs';

export const name = 'Odoo Call Method: added after a trigger it connects, model from Odoo\'s list, method from the suggestions, execute step returns the records';

export async function run(ctx) {
	const { assert } = ctx;
	const page = await ctx.page();
	await openWorkflow(page, ctx.n8nUrl, await ctx.workflowWithTrigger('Read partners from Odoo', { trigger: 'Start', item: { ref: 'RH-0007' } }));
	await page.getByTestId('canvas-handle-plus').click();
	await searchNodes(page, 'Odoo Call');
	// The node has an action, so its details view lists "Call a method" (and no "Add to workflow"):
	// choosing the action adds the node.
	await page.getByTestId('node-creator-action-item').filter({ hasText: 'Odoo Call Method' }).first().click();
	await page.getByTestId('node-creator').getByText('Call a method', { exact: true }).click();
	const ndv = page.getByTestId('ndv');
	await ndv.getByTestId('node-parameters').waitFor();
	assert.equal(await page.locator('[data-test-id="edge"][data-source-node-name="Start"][data-target-node-name="Odoo Call Method"]').count(), 1, 'no connection Start -> Odoo Call Method');

	// Other cases leave Odoo credentials with a wrong key, and n8n preselects the newest one.
	await chooseCredential(page, ndv, 'Odoo sandbox');
	const models = await pickFromList(page, ndv, 'model', 'Contact (res.partner)');
	assert.ok(models.includes('Contact (res.partner)') && models.includes('Journal Entry (account.move)'), `Model "From list" does not list Odoo's models: ${models.join(', ')}`);
	const methods = await pickFromList(page, ndv, 'method', 'search_read');
	assert.ok(methods.some((m) => m.startsWith('action_post')), `Method suggestions: ${methods.join(', ')}`);
	// Arguments is a JSON code editor: type as a person pastes (insertText skips bracket auto-closing).
	await ndv.getByTestId('parameter-input-arguments').locator('.cm-content').first().click();
	await page.keyboard.press('Control+A');
	await page.keyboard.insertText('{"domain": [["ref", "=", "RH-0007"]], "fields": ["name", "email"]}');
	const fields = checkFields('Odoo Call Method', await parameterFacts(ndv));

	const output = await executeStep(page, ndv);
	assert.match(output, /Ada Lovelace/, `output shows no record:\n${output}`);
	assert.match(output, /ada@example\.com/, `output shows no email:\n${output}`);
	await dismissToasts(page);
	await screenshot(page, ctx.shots, 'odoo-call-method-panel');
	reportFields(ctx, 'Odoo Call Method', [fields]);
}
