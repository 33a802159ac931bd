// The same workflow against Odoo 17 (/odoo17) over legacy JSON-RPC: message_post returns a bare id.
import { postPayoutThroughWebhook } from '../lib/odoo-webhook.mjs';

export const name = 'odoo: webhook posts one escaped payout message (JSON-RPC, /odoo17)';

export async function run(ctx) {
	const { response, message } = await postPayoutThroughWebhook(ctx, { credentialName: 'Odoo 17 sandbox (JSON-RPC)', label: 'jsonrpc' });
	ctx.assert.equal(response.body.api, 'jsonrpc');
	ctx.assert.ok(Number.isInteger(response.body.messageId), 'message id is a number');
	ctx.assert.equal(message.transport, 'jsonrpc');
	ctx.assert.equal(message.version, 17);
}
