/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { OneboxApi } from '../../../credentials/OneboxApi.credentials';
import { OneboxMessage } from '../../../nodes/OneboxMessage/OneboxMessage.node';
import { jsonOf, loadFixture, registerCredential, registerNode, runWorkflow } from '../../workflows/harness';

registerNode('n8n-nodes-payout-notify.oneboxMessage', new OneboxMessage());
registerCredential(new OneboxApi());

const HOST = 'http://onebox.test';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmaXh0dXJlIn0.c2lnbmF0dXJl';
const IDS: Record<string, string> = {
	'628111020197': '76001',
	'628111020198': '76002',
	'budi@example.com': '76003',
	'sari@example.com': '76004',
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

test('the payout fixture notifies by WhatsApp and email through the real engine, with one login', async () => {
	const logins: unknown[] = [];
	nock(HOST)
		.post('/api/authenticate', (body) => logins.push(body) > 0)
		.reply(200, { response_code: '200', response_status: 'Success', token: TOKEN });
	const bodies: IDataObject[] = [];
	nock(HOST, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
		.post('/api/message', (body) => bodies.push(body) > 0)
		.times(4)
		.reply(200, (_uri, body) => {
			const b = body as IDataObject;
			const media = b.Users ? 'EMAIL' : 'WHATP';
			const record = { Id: IDS[String(b.To)], SiteId: '169', ConnectionId: String(b.ConnectionId), Subject: b.Subject, MediaId: media, MethodId: b.MethodId, From: b.From, To: b.To, StatusId: 'MSS1', CreateDate: '2026-11-22 10:00:00' };
			return { limit: '1', offset: 0, count: 1, total: 1, data: [record] };
		});

	const credentials = { oneboxApi: { host: HOST, email: 'op@example.com', password: 'pw-secret-123', siteId: '169', sessionToken: '' } };
	const { outputs, expected, credentialsHelper } = await runWorkflow(loadFixture(`${__dirname}/../../workflows/onebox-message.workflow.json`), credentials);

	for (const node of ['Notify by WhatsApp', 'Notify by Email']) {
		expect(jsonOf(outputs[node][0])).toEqual(jsonOf(expected[node] as never));
	}
	// One login for both nodes: the token is cached in the credential, as n8n does.
	expect(logins).toEqual([{ email: 'op@example.com', password: 'pw-secret-123', siteId: '169' }]);
	expect(credentialsHelper.preAuthCalls).toBe(1);
	expect(credentials.oneboxApi.sessionToken).toBe(TOKEN);

	const whatsapp = bodies.find((b) => b.To === '628111020197');
	expect(whatsapp?.Content).toEqual({
		Body: 'Halo Budi & Sons, pembayaran PAY-2026-0042 sebesar IDR 1.250.000 sudah dikirim.',
		BodyText: 'Halo Budi & Sons, pembayaran PAY-2026-0042 sebesar IDR 1.250.000 sudah dikirim.',
		ContentType: 'text/plain',
		Encoding: 'UTF-8',
	});
	const email = bodies.find((b) => b.To === 'budi@example.com');
	expect(email).toMatchObject({
		ConnectionId: 572,
		MethodId: null,
		Cc: null,
		Bcc: null,
		Users: [
			{ IdentityId: 'payouts@musiccast.example', Name: 'Music Cast Payouts', RoleId: 'MSR1' },
			{ IdentityId: 'budi@example.com', Name: 'Budi & Sons', RoleId: 'MSR2' },
		],
		Content: {
			Body: 'Dear Budi & Sons,\n\nyour payout PAY-2026-0042 of IDR 1.250.000 has been sent.',
			BodyText: 'Dear Budi & Sons,\n\nyour payout PAY-2026-0042 of IDR 1.250.000 has been sent.',
			ContentType: 'text/plain',
			Encoding: 'UTF-8',
		},
	});
});
