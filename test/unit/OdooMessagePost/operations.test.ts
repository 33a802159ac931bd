/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { OdooMessagePost } from '../../../nodes/OdooMessagePost/OdooMessagePost.node';
import { runSingleNode, singleNodeWorkflow } from '../../workflows/harness';

// Version 2 of Odoo Message Post: Operation (the actions n8n's nodes panel lists) instead of
// Message, with the same values; version 1 workflows keep Message.
const ODOO = 'http://odoo.test';
const credentials = { payoutOdooApi: { url: `${ODOO}/`, apiKey: 'odoo-secret-key-123', apiType: 'json2', database: 'musiccast', login: '' } };
const payout = { partner_id: 7, reference: 'PAY-2026-0042', date: '2026-11-22', amount: '125.50', currency: 'EUR', payout_link: 'https://pay.example.com/status/PAY-2026-0042' };
const record = { recordId: { __rl: true, mode: 'id', value: '={{ $json.partner_id }}' }, options: { authorId: 2 } };

async function bodies(runs: Array<[IDataObject, number]>) {
	const seen: IDataObject[] = [];
	nock(ODOO)
		.post('/json/2/res.partner/message_post')
		.times(runs.length)
		.reply(200, (_path, body) => {
			seen.push(body as IDataObject);
			return [4242];
		});
	for (const [parameters, typeVersion] of runs) {
		const { error } = await runSingleNode(singleNodeWorkflow('odooMessagePost', parameters, [{ json: payout }], { credentialType: 'payoutOdooApi', typeVersion }), credentials as never);
		expect(error).toBeUndefined();
	}
	return seen;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

test('"Post a payout message" (version 2) posts what version 1\'s Payout Notification posts, outcome and all', async () => {
	const seen = await bodies([
		[{ ...record, outcome: 'failure' }, 1],
		[{ ...record, operation: 'payout', outcome: 'failure' }, 2],
	]);
	expect(seen).toHaveLength(2);
	expect(seen[1]).toEqual(seen[0]);
	expect(String(seen[1].body)).toContain('Our team is reviewing your payment request PAY-2026-0042');
});

test('"Post a message" (version 2) posts the body written, as version 1\'s Custom Message does; a leftover Message value is ignored', async () => {
	const custom = { ...record, body: 'Hello\nthere', bodyFormat: 'text' };
	const seen = await bodies([
		[{ ...custom, messageSource: 'custom' }, 1],
		[{ ...custom, operation: 'custom', messageSource: 'payout' }, 2],
	]);
	expect(seen[1]).toEqual(seen[0]);
	expect(seen[1].body).toBe('<p>Hello<br>there</p>');
});

test('the description: version 1 keeps Message, version 2 shows Operation with two actions, default the payout one', () => {
	const { description } = new OdooMessagePost();
	expect(description.version).toEqual([1, 2]);
	const operation = description.properties.find((p) => p.name === 'operation');
	expect(operation).toMatchObject({ default: 'payout', noDataExpression: true, displayOptions: { show: { '@version': [2] } } });
	expect((operation!.options as Array<{ action: string }>).map((o) => o.action)).toEqual(['Post a message', 'Post a payout message']);
	expect(description.properties.find((p) => p.name === 'messageSource')?.displayOptions).toEqual({ show: { '@version': [1] } });
});
