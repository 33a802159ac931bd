// Harasocial Payload Message: four fields with examples and hints; "Execute step" sends the flow
// through the sandbox's Harasocial.
import { addFromDetails, dismissToasts, executeStep, fillParameter, openNodeDetails, openWorkflow, parameterFacts, screenshot, searchNodes, visibleParameters } from '../lib/editor.mjs';
import { checkFields, reportFields } from '../lib/fields.mjs';

const PAYLOAD = '__hrf_f_63072efd8d1cc15d16c3848e_s_4d12c525111725943cdbf556bd57687d';

export const name = 'Harasocial Payload Message: fields explained, execute step sends (accepted)';

export async function run(ctx) {
	const { assert } = ctx;
	const page = await ctx.page();
	await openWorkflow(page, ctx.n8nUrl, await ctx.workflowWithTrigger('Send the payout flow on Messenger', { trigger: 'Payout Item', item: { reference: 'PAY-BROWSER-3', facebook_psid: '2560816460648749' } }));
	await page.getByTestId('canvas-handle-plus').click();
	await searchNodes(page, 'messenger');
	await openNodeDetails(page, 'Harasocial Payload Message');
	const ndv = await addFromDetails(page, 'Send a payload message');
	assert.equal(await page.locator('[data-test-id="edge"][data-source-node-name="Payout Item"][data-target-node-name="Harasocial Payload Message"]').count(), 1, 'no connection Payout Item -> Harasocial Payload Message');

	const shown = await visibleParameters(ndv);
	assert.deepEqual(shown.filter((p) => p !== 'options'), ['operation', 'pageId', 'recipientId', 'payloadId', 'metadata']);
	const fields = checkFields('Harasocial Payload Message', await parameterFacts(ndv));

	await fillParameter(ndv, 'pageId', '500725830264749');
	await fillParameter(ndv, 'recipientId', '2560816460648749');
	await fillParameter(ndv, 'payloadId', PAYLOAD);
	await fillParameter(ndv, 'metadata', 'payout PAY-BROWSER-3');
	const before = (await ctx.sandboxState()).harasocial.messages.length;
	const output = await executeStep(page, ndv);
	assert.match(output, /accepted/, `output shows no accepted message:\n${output}`);
	const messages = (await ctx.sandboxState()).harasocial.messages;
	assert.equal(messages.length, before + 1, 'the sandbox Harasocial got no message');
	assert.equal(messages.at(-1).metadata, 'payout PAY-BROWSER-3');
	await dismissToasts(page);
	await screenshot(page, ctx.shots, 'harasocial-payload-message-panel');
	reportFields(ctx, 'Harasocial Payload Message', [fields]);
}
