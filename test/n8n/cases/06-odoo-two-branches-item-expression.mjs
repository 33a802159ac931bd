// Odoo Message Post fed by both outputs of a Code node (success and error output), its record ID
// and texts read from an earlier node with `$('Items').item`: the shape of the payout workflow,
// where every step's error output feeds the notification. Each item is posted once, on the record
// of its own item, with the text of its branch. (n8n 1.123 once gave every item here "The record
// ID must be a number".)
import { flattedOf, latestExecutionId, readExecution } from '../../../scripts/lib/n8n-driver.mjs';
import { ensureRuntime } from '../../../scripts/runtime.mjs';
import { NODE_TYPE } from '../lib/odoo-webhook.mjs';

export const name = "odoo: fed by a Code node's success and error outputs, record ID from $('Items').item";

const items = (field) => `={{ $('Items').item.json.${field} }}`;

function workflow(path) {
	return {
		name: `Test two branches ${path}`,
		nodes: [
			{ parameters: { httpMethod: 'POST', path, options: {} }, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: path },
			{
				parameters: { jsCode: 'return $input.first().json.body.items.map((json) => ({ json }));' },
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
			},
			{
				parameters: {
					mode: 'runOnceForEachItem',
					jsCode: "if ($json.fail) throw new Error('transfer refused');\nreturn { json: { transfer: 'tr_' + $json.reference } };",
				},
				name: 'Transfer',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [440, 0],
				onError: 'continueErrorOutput',
			},
			{
				parameters: {
					recordId: { __rl: true, mode: 'id', value: items('partner_id') },
					messageSource: 'payout',
					reference: items('reference'),
					date: items('date'),
					amount: items('amount'),
					currency: items('currency'),
					payoutLink: items('payout_link'),
				},
				name: 'Notify Partner',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [660, 0],
				credentials: { payoutOdooApi: { id: '', name: 'Odoo sandbox' } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Transfer', type: 'main', index: 0 }]] },
			Transfer: {
				main: [[{ node: 'Notify Partner', type: 'main', index: 0 }], [{ node: 'Notify Partner', type: 'main', index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1' },
	};
}

export async function run(ctx) {
	const { assert } = ctx;
	const path = `two-branches-${Date.now().toString(36)}`;
	const id = await ctx.importWorkflow(workflow(path));
	await ctx.activate(id);
	await ctx.resetSandbox();

	const payout = (partner_id, reference, fail) => ({ partner_id, reference, date: '2026-05-31', amount: 120.5, currency: 'EUR', payout_link: `https://pay.example.com/${reference}`, fail });
	const response = await ctx.callWebhook(path, { items: [payout(7, 'TB-1', false), payout(8, 'TB-2', true), payout(9, 'TB-3', false)] });
	assert.equal(response.status, 200, JSON.stringify(response.body));
	const executionId = await latestExecutionId(ctx.rest, id, { timeoutMs: 60_000 });
	const { status, runData } = await readExecution(ctx.rest, executionId, flattedOf(ensureRuntime(ctx.runtime)));

	const runs = runData['Notify Partner'] ?? [];
	const outputs = runs.flatMap((r) => r.data?.main?.[0] ?? []).map((i) => i.json);
	const errors = runs.map((r) => r.error?.message).filter(Boolean);
	assert.deepEqual(errors, [], `Notify Partner failed: ${errors.join('; ')}`);
	assert.equal(status, 'success');
	const byRecord = Object.fromEntries(outputs.map((o) => [o.recordId, o.outcome]));
	assert.deepEqual(byRecord, { 7: 'success', 8: 'failure', 9: 'success' }, JSON.stringify(outputs));

	const state = await ctx.sandboxState();
	const posted = state.odoo.messages.filter((m) => m.model === 'res.partner').map((m) => [m.res_id, /TB-\d/.exec(m.body)?.[0]]);
	assert.deepEqual(posted.sort(), [[7, 'TB-1'], [8, 'TB-2'], [9, 'TB-3']], JSON.stringify(posted));
}
