import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { jsonOf, runWorkflow } from '../../workflows/harness';
import { BASE, continueErrorOutput, credentials, failureOf, harasocial, NODE, OK, PATH, runError, SEED, workflow } from './fixtures';

describe('Harasocial Payload Message', () => {
	test('metadata of exactly 500 characters is sent, even when that is 1000 or 2000 bytes', async () => {
		const accented = 'é'.repeat(500);
		const emoji = '🎵'.repeat(500);
		expect(Buffer.byteLength(accented)).toBe(1000);
		expect(Buffer.byteLength(emoji)).toBe(2000);
		const { seen } = harasocial([200, OK], [200, OK]);

		const result = await runWorkflow(workflow([{ ...SEED, metadata: accented }, { ...SEED, metadata: emoji }]), credentials);

		expect(seen.map((s) => (s.body as IDataObject).metadata)).toEqual([accented, emoji]);
		expect(jsonOf(result.outputs[NODE][0]).map((item) => item.metadata)).toEqual([accented, emoji]);
	});

	test.each([
		['é', 'é'.repeat(501)],
		['emoji', '🎵'.repeat(501)],
	])('metadata of 501 characters (%s) is refused and nothing is sent', async (_what, metadata) => {
		const scope = nock(BASE).post(PATH).reply(200, OK);

		const result = await runWorkflow(workflow([{ ...SEED, metadata }]), credentials);

		expect(scope.isDone()).toBe(false);
		expect(nock.pendingMocks()).toHaveLength(1);
		const error = runError(result);
		expect(error.message).toBe('Metadata is 501 characters long; Harasocial allows at most 500');
		expect(error.context?.itemIndex).toBe(0);
	});

	test.each([
		['an empty page ID', { page_id: '' }, 'Page ID is empty'],
		['a page ID with letters', { page_id: 'my-page' }, 'Page ID must contain digits only, not "my-page"'],
		['an empty PSID', { psid: '   ' }, 'Recipient PSID is empty'],
		['a PSID that lost digits as a number', { psid: Number('25608164606487491') }, 'is not exact as a number'],
		['a payload ID without the __hrf_ prefix', { payload_id: 'f_63072efd8d1cc15d16c3848e' }, 'The payload ID must start with __hrf_'],
		['a payload ID with a space', { payload_id: '__hrf_f_6307 2efd' }, 'contain no spaces'],
		['an empty payload ID', { payload_id: '' }, 'The payload ID is empty'],
	])('%s is refused before sending', async (_what, change, message) => {
		const scope = nock(BASE).post(PATH).reply(200, OK);

		const result = await runWorkflow(workflow([{ ...SEED, ...change }], {}, continueErrorOutput), credentials);

		expect(scope.isDone()).toBe(false);
		const [failed] = result.outputs[NODE][1];
		const error = failureOf(failed);
		expect(error.message).toContain(message);
		expect(error.description).toContain('Nothing was sent');
		expect(error.delivery).toBe('not-sent');
		expect(failed.pairedItem).toEqual({ item: 0 });
	});

	test('only the invalid item is held back: the valid ones around it are sent', async () => {
		const { seen } = harasocial([200, OK], [200, OK]);

		const result = await runWorkflow(workflow([SEED, { ...SEED, page_id: 'x' }, { ...SEED, psid: '42' }], {}, continueErrorOutput), credentials);

		expect(seen.map((s) => (s.body as { recipient: { id: string } }).recipient.id)).toEqual([SEED.psid, '42']);
		expect(result.outputs[NODE][0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.outputs[NODE][1].map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
	});
});
