/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
/**
 * What the Odoo Message Post tests share: the seed's payout and request, the credentials, and
 * `run`, which runs the node through n8n's real engine (test/workflows/harness.ts). Importing this
 * file also turns off real connections for the test file and clears nock's interceptors after each test.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { runSingleNode, singleNodeWorkflow } from '../../workflows/harness';

export const ODOO = 'http://odoo.test';
export const KEY = 'odoo-secret-key-123';
export const json2 = { payoutOdooApi: { url: `${ODOO}/`, apiKey: KEY, apiType: 'json2', database: 'musiccast', login: '' } };

export const payout = { partner_id: 7, reference: 'PAY-2026-0042', date: '2026-11-22', amount: '125.50', currency: 'EUR', payout_link: 'https://pay.example.com/status/PAY-2026-0042' };

// The seed's request: partner 7, the positive text, author 2 and the support reply-to.
export const seedParameters: IDataObject = {
	recordId: { __rl: true, mode: 'id', value: '={{ $json.partner_id }}' },
	options: { authorId: 2, replyTo: '"Music Cast Support" <support@musiccast.example>' },
};

export const SUCCESS_HTML =
	'<p>Your payment request PAY-2026-0042 (2026-11-22) with amount 125.50 EUR has been successfully processed.<br>' +
	'Your earnings are on their way. Please allow 1-5 business days for them to appear in your configured local payout method.<br>' +
	'To check your payment status, please click here: <a href="https://pay.example.com/status/PAY-2026-0042">https://pay.example.com/status/PAY-2026-0042</a><br>' +
	'We are very happy to work with you.<br>Regards,</p>';

export const items = (...jsons: IDataObject[]): INodeExecutionData[] => jsons.map((json) => ({ json }));

export function run(parameters: IDataObject, input: INodeExecutionData[], credentials: Record<string, IDataObject> = json2, onError?: 'continueRegularOutput' | 'continueErrorOutput') {
	return runSingleNode(
		singleNodeWorkflow('odooMessagePost', parameters, input, { credentialType: 'payoutOdooApi', onError }),
		credentials as never,
	);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());
