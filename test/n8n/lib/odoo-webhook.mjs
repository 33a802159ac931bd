// A small Webhook -> Odoo Message Post -> Respond to Webhook workflow, and the checks that the
// payout notification reached the sandbox's chatter exactly once, escaped, with the link.

export const NODE_TYPE = 'n8n-nodes-payout-notify.odooMessagePost';

/** Webhook node typeVersion 2 and Respond to Webhook 1.1 exist in both n8n 2.8.4 and 2.15.1. */
export function odooWebhookWorkflow({ name, path, credentialName }) {
	const body = (field) => `={{ $json.body.${field} }}`;
	return {
		name,
		nodes: [
			{
				parameters: { httpMethod: 'POST', path, responseMode: 'responseNode', options: {} },
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: path,
			},
			{
				parameters: {
					recordId: { __rl: true, mode: 'id', value: body('partner_id') },
					messageSource: 'payout',
					outcome: 'success',
					reference: body('reference'),
					date: body('date'),
					amount: body('amount'),
					currency: body('currency'),
					payoutLink: body('payout_link'),
				},
				name: 'Odoo Message Post',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				credentials: { payoutOdooApi: { id: '', name: credentialName } },
			},
			{
				parameters: { respondWith: 'firstIncomingItem', options: {} },
				name: 'Respond to Webhook',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [440, 0],
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Odoo Message Post', type: 'main', index: 0 }]] },
			'Odoo Message Post': { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

const partnerMessages = (state, partnerId) => state.odoo.messages.filter((m) => m.model === 'res.partner' && m.res_id === partnerId);

/**
 * Imports and activates the workflow, calls it for partner 7 with a reference holding `<b>`, and
 * checks the answer and the sandbox's chatter. Returns { response, message } for extra checks.
 */
export async function postPayoutThroughWebhook(ctx, { credentialName, label }) {
	const { assert } = ctx;
	const path = `payout-notify-test-${label}-${Date.now().toString(36)}`;
	const id = await ctx.importWorkflow(odooWebhookWorkflow({ name: `Test ${label} ${path}`, path, credentialName }));
	await ctx.activate(id);

	const before = partnerMessages(await ctx.sandboxState(), 7).map((m) => m.id);
	const link = 'https://pay.example.com/status/PAY-2026-0042';
	const response = await ctx.callWebhook(path, {
		partner_id: 7,
		reference: '<b>PAY-2026-0042</b>',
		date: '2026-11-22',
		amount: '125.50',
		currency: 'EUR',
		payout_link: link,
	});
	assert.equal(response.status, 200, `webhook answered ${response.status}: ${JSON.stringify(response.body)}`);
	assert.equal(typeof response.body?.messageId, 'number', `webhook answer has no numeric messageId: ${JSON.stringify(response.body)}`);

	const added = partnerMessages(await ctx.sandboxState(), 7).filter((m) => !before.includes(m.id));
	assert.equal(added.length, 1, `expected exactly one new chatter message on res.partner 7, got ${added.length}`);
	const [message] = added;
	assert.equal(message.id, response.body.messageId, 'the webhook answers the id of the posted message');
	assert.ok(message.body_html.includes('&lt;b&gt;PAY-2026-0042&lt;/b&gt;'), `reference not escaped in ${message.body_html}`);
	assert.ok(!message.body_html.includes('<b>'), `raw <b> reached the chatter: ${message.body_html}`);
	assert.ok(message.body_html.includes(link), `payout link missing from ${message.body_html}`);
	assert.ok(message.body_html.includes('125.50') && message.body_html.includes('EUR'), 'amount and currency are in the message');

	// n8n recorded the run as a success (saved just after the webhook answered: poll briefly).
	let runs = [];
	for (let i = 0; i < 40 && !runs.some((e) => e.status === 'success'); i++) {
		runs = await ctx.executions(id);
		if (!runs.some((e) => e.status === 'success')) await new Promise((r) => setTimeout(r, 250));
	}
	assert.ok(runs.some((e) => e.status === 'success' && e.mode === 'webhook'), `no successful webhook execution: ${JSON.stringify(runs.map((e) => [e.id, e.mode, e.status]))}`);
	return { response, message, workflowId: id };
}
