// The Onebox Message node the token cases send through: one WhatsApp message per webhook call,
// on the sandbox's Onebox credential.
export const ONEBOX_WHATSAPP_NODE = Object.freeze({
	parameters: {
		connectionId: { __rl: true, mode: 'id', value: '590' },
		channel: 'whatsapp',
		method: 'message',
		from: '6281100000000',
		to: '6281234567890',
		subject: 'Payout',
		bodyFormat: 'text',
		body: '={{ "Payout " + $json.body.ref }}',
		options: {},
	},
	name: 'Onebox Message',
	type: 'n8n-nodes-payout-notify.oneboxMessage',
	typeVersion: 1,
	position: [220, 0],
	credentials: { oneboxApi: { id: '', name: 'Onebox sandbox' } },
});
