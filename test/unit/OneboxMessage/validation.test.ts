import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { connection, continueRegular, failures, FB_POST, run } from './fixtures';

describe('validation before sending: nothing is sent', () => {
	// No interceptor is set: with net connect disabled, any request (login included) would fail the test.
	const invalid = async (parameters: IDataObject, items?: INodeExecutionData[]) => {
		const { main, credentialsHelper } = await run(parameters, { items, ...continueRegular });
		expect(credentialsHelper.preAuthCalls).toBe(0);
		expect(nock.pendingMocks()).toEqual([]);
		return failures(main[0])[0];
	};

	test('a Facebook comment without Previous Message ID', async () => {
		const item = await invalid({ ...FB_POST, method: 'comment', previousId: '={{ $json.previousId }}' });
		expect(item).toEqual({
			error: 'Facebook Comment needs the Previous Message ID of the message or conversation it answers',
			description: 'Nothing was sent for this item. Correct the field (or the expression that fills it) and run again.',
			delivery: 'not-sent',
		});
	});

	test('a Facebook direct message without Conversation ID; a Twitter one takes either id', async () => {
		expect((await invalid({ ...FB_POST, method: 'directMessage', conversationId: '={{ $json.conversationId }}' })).error).toBe(
			'Facebook Direct Message needs the Conversation ID of the message or conversation it answers',
		);
		expect((await invalid({ ...FB_POST, channel: 'twitter', method: 'directMessage' })).error).toBe(
			'Twitter Direct Message needs the Previous Message ID or Conversation ID of the message or conversation it answers',
		);
	});

	test('ids that are not numbers', async () => {
		expect((await invalid({ ...FB_POST, method: 'comment', previousId: 'abc' })).error).toBe('Previous Message ID must be a positive whole number written with digits only (at most 9007199254740991), not "abc"');
		const rule = 'must be a positive whole number written with digits only (at most 9007199254740991)';
		expect((await invalid({ ...FB_POST, connectionId: connection('={{ "x1" }}') })).error).toBe(`Connection ID ${rule}, not "x1"`);
		expect((await invalid({ ...FB_POST, connectionId: connection('={{ "0x10" }}') })).error).toBe(`Connection ID ${rule}, not "0x10"`);
		expect((await invalid({ ...FB_POST, connectionId: connection('={{ 1e21 }}') })).error).toBe(`Connection ID ${rule}, not "1e+21"`);
	});

	test('objects never become "[object Object]": the field and the wrong type are named', async () => {
		expect((await invalid({ ...FB_POST, to: '={{ { id: 5 } }}' })).error).toBe('To must be text or a number, not an object');
		expect((await invalid({ ...FB_POST, body: '={{ ["a", "b"] }}' })).error).toBe('Body must be text or a number, not a list');
	});

	test('bad email addresses and a missing subject', async () => {
		const item = await invalid({ connectionId: connection(572), channel: 'email', method: 'send', from: 'payouts-at-company', to: 'a@example.com, not an address', cc: 'b@', body: 'Hi' });
		expect(item.error).toBe(
			'From: "payouts-at-company" is not a valid email address; To: "not an address" is not a valid email address; Cc: "b@" is not a valid email address; An email needs a subject',
		);
	});

	test('a Twitter reply that does not name the customer', async () => {
		const item = await invalid({ ...FB_POST, channel: 'twitter', method: 'replyTweet', previousId: 76428, body: 'Thanks!' });
		expect(item.error).toBe('A Twitter reply to tweet must name the customer in the text, e.g. "@agung4ldiana Thank you"');
	});

	test('attachments over the size bound', async () => {
		const big = Buffer.alloc(2048, 1).toString('base64');
		const item = await invalid(
			{ ...FB_POST, attachments: { binary: [{ property: 'data' }] }, options: { maxAttachmentMb: 0.001 } },
			[{ json: {}, binary: { data: { data: big, mimeType: 'application/octet-stream', fileName: 'big.bin' } } }],
		);
		expect(item.error).toBe('The binary attachments are 2 KB, more than the 0.001 MB allowed (Max Attachment Size)');
		expect(item.description).toContain('Nothing was sent for this item');
	});

	test('a missing binary property and a non-http attachment URL', async () => {
		expect((await invalid({ ...FB_POST, attachments: { binary: [{ property: 'statement' }] } })).error).toContain('statement');
		expect((await invalid({ ...FB_POST, attachments: { url: [{ url: 'file:///etc/passwd' }] } })).error).toBe(
			'Attachment URL "file:///etc/passwd" must be a public http:// or https:// address',
		);
	});
});
