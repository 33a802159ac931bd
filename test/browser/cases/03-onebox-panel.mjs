// Onebox Message: its details view lists one action per operation ("Send an email", "Send a
// WhatsApp message", …); the operation decides which fields the panel shows; "Execute step" sends an
// email through the sandbox's Onebox.
import {
	actionNames,
	chooseAction,
	chooseOption,
	dismissToasts,
	executeStep,
	fillParameter,
	openNodeDetails,
	openWorkflow,
	parameterFacts,
	pickFromList,
	screenshot,
	searchNodes,
	visibleParameters,
} from '../lib/editor.mjs';
import { checkFields, reportFields } from '../lib/fields.mjs';

const EMAIL_ONLY = ['fromName', 'cc', 'bcc'];
const REFERENCES = ['previousId', 'conversationId'];

export const name = 'Onebox Message: an action per operation; Send Email shows From/To/Cc/Bcc/Subject, Comment on Facebook shows Previous Message ID and no Cc/Bcc, execute step sends';

// What the details view lists: the actions n8n makes of the Operation options (operations.ts).
const ACTIONS = [
	'Comment on a Facebook post',
	'Comment on an Instagram post',
	'Post a tweet mentioning a customer',
	'Post on a Facebook page',
	'Reply to a tweet',
	'Send an email',
	'Send a Facebook direct message',
	'Send a Twitter direct message',
	'Send a WhatsApp message',
	'Post a tweet',
];

export async function run(ctx) {
	const { assert } = ctx;
	const page = await ctx.page();
	await openWorkflow(page, ctx.n8nUrl, await ctx.workflowWithTrigger('Email the payout notification through Onebox', { trigger: 'Payout Item', item: { reference: 'PAY-BROWSER-2', email: 'ada@example.com' } }));
	await page.getByTestId('canvas-handle-plus').click();
	await searchNodes(page, 'whatsapp');
	await openNodeDetails(page, 'Onebox Message');
	assert.deepEqual(await actionNames(page), ACTIONS, 'the actions of Onebox Message');
	await screenshot(page, ctx.shots, 'onebox-message-actions');
	const ndv = await chooseAction(page, 'Send an email');
	assert.equal(await page.locator('[data-test-id="edge"][data-source-node-name="Payout Item"][data-target-node-name="Onebox Message"]').count(), 1, 'no connection Payout Item -> Onebox Message');

	const email = await visibleParameters(ndv);
	for (const p of ['operation', 'connectionId', 'from', 'to', ...EMAIL_ONLY, 'subject', 'body']) assert.ok(email.includes(p), `Send Email does not show ${p} (shows ${email.join(', ')})`);
	for (const p of ['channel', 'method', ...REFERENCES]) assert.ok(!email.includes(p), `Send Email shows ${p}`);
	const emailFields = checkFields('Send Email', await parameterFacts(ndv));

	await chooseOption(page, ndv, 'operation', 'Comment on Facebook');
	const comment = await visibleParameters(ndv);
	assert.ok(comment.includes('previousId'), `Comment on Facebook does not show Previous Message ID (shows ${comment.join(', ')})`);
	assert.ok(!comment.includes('conversationId'), 'Comment on Facebook shows Conversation ID');
	for (const p of EMAIL_ONLY) assert.ok(!comment.includes(p), `Comment on Facebook shows ${p}`);
	const label = await ndv.locator('label[for="previousId"]').innerText();
	assert.match(label, /Previous Message ID/);
	const commentFields = checkFields('Comment on Facebook', await parameterFacts(ndv));
	await screenshot(page, ctx.shots, 'onebox-message-facebook-comment');

	await chooseOption(page, ndv, 'operation', 'Send Email');
	const connections = await pickFromList(page, ndv, 'connectionId', 'support@onebox.test');
	assert.ok(connections.length >= 1, 'Connection "From list" lists nothing');
	await fillParameter(ndv, 'from', 'support@onebox.test');
	await fillParameter(ndv, 'to', 'ada@example.com');
	await fillParameter(ndv, 'subject', 'Royalties payout PAY-BROWSER-2');
	await fillParameter(ndv, 'body', 'Your royalties payout PAY-BROWSER-2 is on its way.');

	const before = (await ctx.sandboxState()).onebox.messages.length;
	const output = await executeStep(page, ndv);
	assert.match(output, /EMAIL/, `output shows no sent email:\n${output}`);
	const messages = (await ctx.sandboxState()).onebox.messages;
	assert.equal(messages.length, before + 1, 'the sandbox Onebox got no message');
	assert.match(String(messages.at(-1).Subject), /PAY-BROWSER-2/);
	await dismissToasts(page);
	await screenshot(page, ctx.shots, 'onebox-message-panel');
	reportFields(ctx, 'Onebox Message', [emailFields, commentFields]);
}
