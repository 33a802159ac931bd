// Odoo Message Post as an operator adds it: from the trigger's "+", found by "chatter", connected to
// the trigger, its panel showing only what the chosen message needs, and "Execute step" posting on
// the sandbox's Odoo.
import {
	addFromDetails,
	chooseOption,
	dismissToasts,
	executeStep,
	openNodeDetails,
	openWorkflow,
	parameterFacts,
	pickFromList,
	screenshot,
	searchNodes,
	visibleParameters,
} from '../lib/editor.mjs';
import { checkFields, reportFields } from '../lib/fields.mjs';

const PAYOUT_ONLY = ['outcome', 'reference', 'date', 'amount', 'currency', 'payoutLink', 'successText', 'failureText'];
const CUSTOM_ONLY = ['body', 'bodyFormat'];
const ITEM = { reference: 'PAY-BROWSER-1', date: '2026-11-22', amount: '125.50', currency: 'EUR', payout_link: 'https://pay.example.com/status/PAY-BROWSER-1' };

export const name = 'Odoo Message Post: added after a trigger it connects, Message decides the fields, every field explained, execute step posts (messageId)';

export async function run(ctx) {
	const { assert } = ctx;
	const page = await ctx.page();
	await openWorkflow(page, ctx.n8nUrl, await ctx.workflowWithTrigger('Post the payout notification in Odoo', { trigger: 'Payout Item', item: ITEM }));
	await page.getByTestId('canvas-handle-plus').click();
	await searchNodes(page, 'chatter');
	await openNodeDetails(page, 'Odoo Message Post');
	const ndv = await addFromDetails(page, 'Post a payout message');
	// Version 2 names the message in Operation (the node's actions), version 1 in Message.
	const v2 = (await visibleParameters(ndv)).includes('operation');
	const MESSAGE = v2 ? { parameter: 'operation', custom: 'Post Message', payout: 'Post Payout Message' } : { parameter: 'messageSource', custom: 'Custom Message', payout: 'Payout Notification' };

	// Connected to the trigger it was added after.
	assert.equal(await page.locator('[data-test-id="edge"][data-source-node-name="Payout Item"][data-target-node-name="Odoo Message Post"]').count(), 1, 'no connection Payout Item -> Odoo Message Post');
	// The only Odoo credential type's first credential is picked for the operator.
	assert.match(await ndv.getByTestId('node-credentials-select').locator('input').inputValue(), /Odoo/);

	const payout = await visibleParameters(ndv);
	for (const p of PAYOUT_ONLY) assert.ok(payout.includes(p), `Payout Notification does not show ${p} (shows ${payout.join(', ')})`);
	for (const p of CUSTOM_ONLY) assert.ok(!payout.includes(p), `Payout Notification shows ${p}`);
	const payoutFields = checkFields('Payout Notification', await parameterFacts(ndv));

	await chooseOption(page, ndv, MESSAGE.parameter, MESSAGE.custom);
	const custom = await visibleParameters(ndv);
	for (const p of CUSTOM_ONLY) assert.ok(custom.includes(p), `Custom Message does not show ${p} (shows ${custom.join(', ')})`);
	for (const p of PAYOUT_ONLY) assert.ok(!custom.includes(p), `Custom Message shows ${p}`);
	const customFields = checkFields('Custom Message', await parameterFacts(ndv));
	await screenshot(page, ctx.shots, 'odoo-message-post-custom');

	await chooseOption(page, ndv, MESSAGE.parameter, MESSAGE.payout);
	const partners = await pickFromList(page, ndv, 'recordId', 'Ada Lovelace');
	assert.ok(partners.some((p) => /Ada Lovelace \(7\)/.test(p)), `Record "From list" does not list the sandbox's partners: ${partners.join(', ')}`);

	const before = (await ctx.sandboxState()).odoo.messages.length;
	const output = await executeStep(page, ndv);
	assert.match(output, /messageId/, `output shows no messageId:\n${output}`);
	assert.match(output, /success/, `output shows no success outcome:\n${output}`);
	const messages = (await ctx.sandboxState()).odoo.messages;
	assert.equal(messages.length, before + 1, 'the sandbox Odoo got no message');
	assert.match(messages.at(-1).body_html ?? messages.at(-1).body ?? '', /PAY-BROWSER-1/);
	await dismissToasts(page);
	await screenshot(page, ctx.shots, 'odoo-message-post-panel');
	reportFields(ctx, 'Odoo Message Post', [payoutFields, customFields]);
}
