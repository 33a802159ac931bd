// Onebox Message on its own: one login for several items, a WhatsApp message and an email with
// the Users list built by the node, checked in the sandbox's request log.
import { lastSeq, requestsSince, runThroughWebhook } from '../lib/single-node.mjs';

export const name = 'onebox: one login, WhatsApp and email messages as the API expects, checked in the request log';

export async function run(ctx) {
	const { assert } = ctx;
	const since = await lastSeq(ctx);
	const onebox = (label, parameters, body) =>
		runThroughWebhook(ctx, {
			label,
			node: { type: 'n8n-nodes-payout-notify.oneboxMessage', parameters, credentials: { oneboxApi: { id: '', name: 'Onebox sandbox' } } },
			body,
		});

	const whatsapp = await onebox(
		'onebox-whatsapp',
		{ connectionId: { __rl: true, mode: 'id', value: '590' }, channel: 'whatsapp', method: 'message', from: '6281100000000', to: '={{ $json.body.to }}', subject: 'Payout', bodyFormat: 'text', body: '={{ $json.body.text }}', options: {} },
		{ to: '+62 812-3456-7890', text: 'Your payout <PAY-1> is on its way' },
	);
	const email = await onebox(
		'onebox-email',
		{ connectionId: { __rl: true, mode: 'id', value: '572' }, channel: 'email', method: 'send', from: 'support@onebox.test', to: 'ada@example.com', cc: 'finance@example.com', subject: 'Your royalties payout', bodyFormat: 'html', body: '<p>Paid</p>', options: {} },
		{},
	);

	assert.equal(whatsapp.status, 200, JSON.stringify(whatsapp.body));
	assert.equal(email.status, 200, JSON.stringify(email.body));
	const requests = await requestsSince(ctx, 'onebox', since);
	const logins = requests.filter((r) => r.path === '/onebox/api/authenticate');
	const sends = requests.filter((r) => r.path === '/onebox/api/message' && r.method === 'POST');
	assert.ok(logins.length <= 1, `at most one login (the token is cached in the credential), got ${logins.length}`);
	assert.equal(sends.length, 2);
	assert.ok(sends.every((r) => r.status === 200));
	assert.equal(sends[0].body.ConnectionId, 590);
	assert.equal(sends[0].body.To, '6281234567890');
	// Plain text goes as plain text, like the API page's text/plain examples: no tags, no entities.
	assert.equal(sends[0].body.Content.Body, 'Your payout <PAY-1> is on its way');
	assert.equal(sends[0].body.Content.ContentType, 'text/plain');
	assert.equal(sends[0].body.Content.BodyText, 'Your payout <PAY-1> is on its way');
	assert.equal(sends[0].body.Content.Encoding, 'UTF-8');
	assert.deepEqual(
		sends[1].body.Users.map((u) => [u.IdentityId, u.RoleId]),
		[['support@onebox.test', 'MSR1'], ['ada@example.com', 'MSR2'], ['finance@example.com', 'MSR3']],
	);
	assert.equal(sends[1].body.Content.Body, '<p>Paid</p>');
	assert.equal(sends[1].body.Content.ContentType, 'text/html');
	assert.equal(sends[1].body.Content.BodyText, 'Paid');
	const [sent] = Array.isArray(email.body) ? email.body : [email.body];
	assert.equal(sent.mediaId, 'EMAIL');
	assert.equal(typeof sent.id, 'number');
}
