/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
import nock from 'nock';

import { jsonOf, loadFixture, runWorkflow } from '../../workflows/harness';

const ODOO = 'http://odoo.test';
const credentials = { payoutOdooApi: { url: ODOO, apiKey: 'odoo-secret-key-123', apiType: 'json2', database: '', login: '' } };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

test('the payout fixture posts the positive and the negative text through the real engine', async () => {
	const bodies: unknown[] = [];
	nock(ODOO)
		.post('/json/2/res.partner/message_post', (body) => {
			bodies.push(body);
			return true;
		})
		.times(2)
		.reply(200, (_uri, body) => [500 + (body as { ids: number[] }).ids[0] - 6]);

	const { outputs, expected } = await runWorkflow(loadFixture(`${__dirname}/../../workflows/odoo-payout.workflow.json`), credentials);

	expect(jsonOf(outputs['Odoo Message Post'][0])).toEqual(jsonOf(expected['Odoo Message Post'] as never));
	expect(bodies[0]).toMatchObject({ ids: [7], partner_ids: [7], author_id: 2 });
	expect(String((bodies[0] as { body: string }).body)).toContain('PAY-&lt;42&gt;');
	expect(String((bodies[1] as { body: string }).body)).toContain('Our team is reviewing your payment request PAY-43');
});
