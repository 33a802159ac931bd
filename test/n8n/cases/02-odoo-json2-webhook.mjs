// Webhook -> Odoo Message Post (JSON-2, Odoo 19 at /odoo) -> Respond to Webhook.
import { postPayoutThroughWebhook } from '../lib/odoo-webhook.mjs';

export const name = 'odoo: webhook posts one escaped payout message (JSON-2, /odoo)';

export async function run(ctx) {
	const { response, message } = await postPayoutThroughWebhook(ctx, { credentialName: 'Odoo sandbox', label: 'json2' });
	ctx.assert.equal(response.body.api, 'json2');
	ctx.assert.equal(message.transport, 'json2');
	ctx.assert.equal(message.version, 19);
}
