import type { IDataObject } from 'n8n-workflow';

import { operationFor } from '../../../nodes/OneboxMessage/operations';
import { jsonOf } from '../../workflows/harness';
import { connection, created, loginApi, messageApi, run, TOKEN } from './fixtures';

describe('request bodies: the examples of the API page', () => {
	// Deliberate differences from the page: ids are numbers (the page's table says number; its
	// examples 7 and 8 send strings), and a plain-text Body is escaped HTML (<p>…</p>) because
	// Body is the HTML field; BodyText carries the text as written.
	const examples: Array<[string, IDataObject, IDataObject]> = [
		[
			'1. Facebook - Send Post',
			{ connectionId: connection(583), channel: 'facebook', method: 'post', from: '469218373611012', to: '469218373611012', subject: 'Send via api to FB POST - test 1', bodyFormat: 'html', body: 'Send via api to FB POST - test 1' },
			{
				ConnectionId: 583,
				Subject: 'Send via api to FB POST - test 1',
				MethodId: 'POST',
				From: '469218373611012',
				To: '469218373611012',
				Attachments: [],
				Content: { Body: 'Send via api to FB POST - test 1', BodyText: 'Send via api to FB POST - test 1', ContentType: 'text/html', Encoding: 'UTF-8' },
			},
		],
		[
			'2. Facebook - Send Comment',
			{ connectionId: connection(583), channel: 'facebook', method: 'comment', from: '469218373611012', to: '389961471775568', previousId: '63964', subject: 'Send via api to FB Comment - test 1', bodyFormat: 'text', body: 'Send via api to FB Comment - test 1' },
			{
				ConnectionId: 583,
				Subject: 'Send via api to FB Comment - test 1',
				MethodId: 'COMMENT',
				From: '469218373611012',
				To: '389961471775568',
				PreviousId: 63964,
				Attachments: [],
				Content: { Body: 'Send via api to FB Comment - test 1', BodyText: 'Send via api to FB Comment - test 1', ContentType: 'text/plain', Encoding: 'UTF-8' },
			},
		],
		[
			'3. Facebook - Send Direct Message',
			{ connectionId: connection(583), channel: 'facebook', method: 'directMessage', from: '469218373611012', to: '389961471775568', conversationId: 222536, subject: 'Send via api to FB DIRECT - test 1', bodyFormat: 'text', body: 'Send via api to FB DIRECT - test 1' },
			{
				ConnectionId: 583,
				Subject: 'Send via api to FB DIRECT - test 1',
				MethodId: 'DIRECT',
				From: '469218373611012',
				To: '389961471775568',
				ConversationId: 222536,
				Attachments: [],
				Content: { Body: 'Send via api to FB DIRECT - test 1', BodyText: 'Send via api to FB DIRECT - test 1', ContentType: 'text/plain', Encoding: 'UTF-8' },
			},
		],
		[
			'4. Instagram - Send Comment',
			{ connectionId: connection(584), channel: 'instagram', method: 'comment', from: 'demo.onebox', to: 'azmnurami', previousId: '75406', subject: 'Send via api to Instagram Comment - test 1', bodyFormat: 'text', body: 'Send via api to Instagram - test 1' },
			{
				ConnectionId: 584,
				Subject: 'Send via api to Instagram Comment - test 1',
				MethodId: 'COMMENT',
				From: 'demo.onebox',
				To: 'azmnurami',
				PreviousId: 75406,
				Attachments: [],
				Content: { Body: 'Send via api to Instagram - test 1', BodyText: 'Send via api to Instagram - test 1', ContentType: 'text/plain', Encoding: 'UTF-8' },
			},
		],
		[
			'5. Twitter - Send Tweet',
			{ connectionId: connection(576), channel: 'twitter', method: 'tweet', from: 'trial_corp', to: 'trial_corp', subject: 'Send twitter tweet', bodyFormat: 'html', body: 'Send twitter tweet' },
			{
				ConnectionId: 576,
				Subject: 'Send twitter tweet',
				MethodId: 'POST',
				From: 'trial_corp',
				To: 'trial_corp',
				Attachments: [],
				Content: { Body: 'Send twitter tweet', BodyText: 'Send twitter tweet', ContentType: 'text/html', Encoding: 'UTF-8' },
			},
		],
		[
			'6. Twitter - Send Mention',
			{ connectionId: connection(576), channel: 'twitter', method: 'mention', from: '738567483435556864', to: '927743274869125122', subject: 'Send Twitter mention @trial_corp - test 1', bodyFormat: 'html', body: 'Send Twitter mention @trial_corp- test 1' },
			{
				ConnectionId: 576,
				Subject: 'Send Twitter mention @trial_corp - test 1',
				MethodId: 'MENTION',
				From: '738567483435556864',
				To: '927743274869125122',
				Attachments: [],
				Content: { Body: 'Send Twitter mention @trial_corp- test 1', BodyText: 'Send Twitter mention @trial_corp- test 1', ContentType: 'text/html', Encoding: 'UTF-8' },
			},
		],
		[
			'7. Twitter - Reply Tweet',
			{ connectionId: connection(576), channel: 'twitter', method: 'replyTweet', from: '738567483435556864', to: '712571190812868608', previousId: '76428', subject: 'Selamat beraktivitas', bodyFormat: 'html', body: '@agung4ldiana Selamat beraktivitas' },
			{
				ConnectionId: 576,
				Subject: 'Selamat beraktivitas',
				MethodId: 'MENTION',
				From: '738567483435556864',
				To: '712571190812868608',
				PreviousId: 76428,
				Attachments: [],
				Content: { Body: '@agung4ldiana Selamat beraktivitas', BodyText: '@agung4ldiana Selamat beraktivitas', ContentType: 'text/html', Encoding: 'UTF-8' },
			},
		],
		[
			'8. Twitter - Reply Direct Message',
			{
				connectionId: connection(576),
				channel: 'twitter',
				method: 'directMessage',
				from: '738567483435556864',
				to: '927743274869125122',
				previousId: '75495',
				subject: 'Reply to Twitter DM - test 1',
				bodyFormat: 'html',
				body: 'Reply to Twitter DM- test 1',
				options: { bodyText: 'Reply to Twitter DM - test 1' },
			},
			{
				ConnectionId: 576,
				Subject: 'Reply to Twitter DM - test 1',
				MethodId: 'DIRECT',
				From: '738567483435556864',
				To: '927743274869125122',
				PreviousId: 75495,
				Attachments: [],
				Content: { Body: 'Reply to Twitter DM- test 1', BodyText: 'Reply to Twitter DM - test 1', ContentType: 'text/html', Encoding: 'UTF-8' },
			},
		],
	];

	test.each(examples)('%s', async (_name, parameters, expected) => {
		loginApi();
		const calls = messageApi([200, created(75702)]);
		const { main, error } = await run(parameters);
		expect(error).toBeUndefined();
		expect(calls).toHaveLength(1);
		expect(calls[0].body).toEqual(expected);
		expect(calls[0].authorization).toBe(`Bearer ${TOKEN}`);
		expect(jsonOf(main[0])).toEqual([
			{
				id: 75702,
				statusId: 'MSS1',
				mediaId: 'FCBK',
				methodId: expected.MethodId,
				connectionId: expected.ConnectionId,
				from: expected.From,
				to: expected.To,
				subject: expected.Subject,
				createDate: '2026-11-22 10:00:00',
			},
		]);
	});

	// Version 2 (nodes/OneboxMessage/operations.ts): one Operation instead of Channel + Method, the
	// same request. The engine drops parameters the form hides, so this also proves each field of a
	// channel shows for its operation.
	test.each(examples)('version 2, Operation instead of Channel + Method: %s', async (_name, parameters, expected) => {
		const { channel, method, ...rest } = parameters;
		const operation = operationFor(channel as string, method as string);
		expect(operation).toBeDefined();
		loginApi();
		const calls = messageApi([200, created(75702)]);
		const { error } = await run({ operation: operation!.value, ...rest }, { typeVersion: 2 });
		expect(error).toBeUndefined();
		expect(calls.map((c) => c.body)).toEqual([expected]);
	});

	test('version 2 "Send an email": Sender Name, Cc, Bcc and Users (JSON) as in version 1; a leftover Channel is ignored', async () => {
		const email = {
			connectionId: connection(572),
			from: 'payouts@company.co.id',
			fromName: 'Payouts',
			to: 'budi@example.com',
			cc: 'finance@company.co.id',
			bcc: 'archive@company.co.id',
			subject: 'Your payout',
			body: 'Paid',
		};
		loginApi(2);
		const calls = messageApi([200, created(1, 'EMAIL')], [200, created(2, 'EMAIL')]);
		expect((await run({ ...email, channel: 'email', method: 'send' })).error).toBeUndefined();
		expect((await run({ ...email, operation: 'sendEmail', channel: 'whatsapp' }, { typeVersion: 2 })).error).toBeUndefined();
		expect(calls).toHaveLength(2);
		expect(calls[1].body).toEqual(calls[0].body);
		expect(calls[1].body.MethodId).toBeNull();
		expect(calls[1].body.Users).toEqual([
			{ IdentityId: 'payouts@company.co.id', Name: 'Payouts', RoleId: 'MSR1' },
			{ IdentityId: 'budi@example.com', Name: 'budi@example.com', RoleId: 'MSR2' },
			{ IdentityId: 'finance@company.co.id', Name: 'finance@company.co.id', RoleId: 'MSR3' },
			{ IdentityId: 'archive@company.co.id', Name: 'archive@company.co.id', RoleId: 'MSR4' },
		]);
	});

	test('version 2 "Send a WhatsApp message" sends what version 1\'s WhatsApp channel sends', async () => {
		const whatsapp = { connectionId: connection(571), from: '6282210695424', to: '+62 811-1020-197', body: 'Payout sent' };
		loginApi(2);
		const calls = messageApi([200, created(1, 'WHATP')], [200, created(2, 'WHATP')]);
		expect((await run({ ...whatsapp, channel: 'whatsapp', method: 'message' })).error).toBeUndefined();
		expect((await run({ ...whatsapp, operation: 'sendWhatsApp' }, { typeVersion: 2 })).error).toBeUndefined();
		expect(calls[1].body).toEqual(calls[0].body);
		expect(calls[1].body).toMatchObject({ MethodId: 'DIRECT', From: '6282210695424', To: '628111020197' });
	});

	test('the email body example: Users built from From and To, a binary attachment', async () => {
		loginApi();
		const calls = messageApi([200, created(75800, 'EMAIL')]);
		const csv = Buffer.from('id,amount\n1,10\n');
		const { main, error } = await run(
			{
				connectionId: connection(572),
				channel: 'email',
				method: 'send',
				from: 'test1@onebox.co.id',
				fromName: 'Onebox',
				to: '"Unggul W" <unggul.wijayadi@gmail.com>',
				subject: 'Send via api - test 3',
				bodyFormat: 'html',
				body: 'Hello <html></html>',
				attachments: { binary: [{ property: 'data', description: 'adesc1', fileDate: '2020-04-01 00:00:00' }] },
			},
			{ items: [{ json: {}, binary: { data: { data: csv.toString('base64'), mimeType: 'text/csv', fileName: 'file1.csv' } } }] },
		);
		expect(error).toBeUndefined();
		// As the page's example, but MethodId null is sent explicitly and unused ids are left out.
		expect(calls[0].body).toEqual({
			ConnectionId: 572,
			Subject: 'Send via api - test 3',
			MethodId: null,
			From: 'test1@onebox.co.id',
			To: 'unggul.wijayadi@gmail.com',
			Cc: null,
			Bcc: null,
			Attachments: [{ Description: 'adesc1', File: { Date: '2020-04-01 00:00:00', Name: 'file1.csv', Content: csv.toString('base64') } }],
			Users: [
				{ IdentityId: 'test1@onebox.co.id', Name: 'Onebox', RoleId: 'MSR1' },
				{ IdentityId: 'unggul.wijayadi@gmail.com', Name: 'Unggul W', RoleId: 'MSR2' },
			],
			Content: { Body: 'Hello <html></html>', BodyText: 'Hello', ContentType: 'text/html', Encoding: 'UTF-8' },
		});
		expect(jsonOf(main[0])[0]).toMatchObject({ id: 75800, mediaId: 'EMAIL', methodId: null, connectionId: 572 });
	});

	test('email with several recipients, cc and bcc: MSR1 to MSR4, escaped plain text, a URL attachment', async () => {
		loginApi();
		const calls = messageApi([200, created(75801, 'EMAIL')]);
		const { error } = await run(
			{
				connectionId: connection('572'),
				channel: 'email',
				method: 'send',
				from: 'payouts@company.com',
				to: 'a@example.com, "Doe, Jane" <jane@example.com>',
				cc: 'Finance <finance@company.com>',
				bcc: 'archive@company.com',
				subject: 'Your payout',
				bodyFormat: 'text',
				body: '={{ "Hello " + $json.name + ",\\n\\nYour payout is on its way." }}',
				attachments: { url: [{ url: 'https://files.example.com/statements/oct%202026.pdf', description: '' }] },
			},
			{ items: [{ json: { name: '<b>Budi</b> & Co' } }] },
		);
		expect(error).toBeUndefined();
		expect(calls[0].body).toEqual({
			ConnectionId: 572,
			Subject: 'Your payout',
			MethodId: null,
			From: 'payouts@company.com',
			To: 'a@example.com,jane@example.com',
			Cc: 'finance@company.com',
			Bcc: 'archive@company.com',
			Attachments: [
				{
					Description: 'oct 2026.pdf',
					File: { Date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/), Name: 'oct 2026.pdf', Path: 'https://files.example.com/statements/oct%202026.pdf' },
				},
			],
			Users: [
				{ IdentityId: 'payouts@company.com', Name: 'payouts@company.com', RoleId: 'MSR1' },
				{ IdentityId: 'a@example.com', Name: 'a@example.com', RoleId: 'MSR2' },
				{ IdentityId: 'jane@example.com', Name: 'Doe, Jane', RoleId: 'MSR2' },
				{ IdentityId: 'finance@company.com', Name: 'Finance', RoleId: 'MSR3' },
				{ IdentityId: 'archive@company.com', Name: 'archive@company.com', RoleId: 'MSR4' },
			],
			Content: {
				Body: 'Hello <b>Budi</b> & Co,\n\nYour payout is on its way.',
				BodyText: 'Hello <b>Budi</b> & Co,\n\nYour payout is on its way.',
				ContentType: 'text/plain',
				Encoding: 'UTF-8',
			},
		});
	});

	test('email with a Users JSON given in the options sends it instead of building one', async () => {
		loginApi();
		const calls = messageApi([200, created(75802, 'EMAIL')]);
		const users = [
			{ IdentityId: 'payouts@company.com', Name: 'Payouts', RoleId: 'MSR1' },
			{ IdentityId: 'a@example.com', Name: 'A', RoleId: 'MSR2' },
		];
		await run({
			connectionId: connection(572),
			channel: 'email',
			method: 'send',
			from: 'payouts@company.com',
			to: 'a@example.com',
			subject: 'S',
			body: 'Hi',
			options: { users: JSON.stringify(users) },
		});
		expect(calls[0].body.Users).toEqual(users);
	});

	test('WhatsApp: numbers normalised, MethodId DIRECT, subject from the first line', async () => {
		loginApi();
		const calls = messageApi([200, created(75803, 'WHATP')]);
		const { main } = await run({
			connectionId: connection(588),
			channel: 'whatsapp',
			method: 'message',
			from: '+62 822-1069-5424',
			to: '628111020197',
			body: 'Halo Budi\nPembayaran Anda sudah dikirim.',
		});
		expect(calls[0].body).toEqual({
			ConnectionId: 588,
			Subject: 'Halo Budi',
			MethodId: 'DIRECT',
			From: '6282210695424',
			To: '628111020197',
			Attachments: [],
			Content: {
				Body: 'Halo Budi\nPembayaran Anda sudah dikirim.',
				BodyText: 'Halo Budi\nPembayaran Anda sudah dikirim.',
				ContentType: 'text/plain',
				Encoding: 'UTF-8',
			},
		});
		expect(jsonOf(main[0])[0]).toMatchObject({ id: 75803, mediaId: 'WHATP', methodId: 'DIRECT', from: '6282210695424', to: '628111020197' });
	});

	test('Include Raw Response adds the created message under raw', async () => {
		loginApi();
		messageApi([200, created(75804)]);
		const { main } = await run({
			connectionId: connection(583),
			channel: 'facebook',
			method: 'post',
			from: '1',
			to: '1',
			body: 'x',
			options: { includeRaw: true },
		});
		expect(jsonOf(main[0])[0].raw).toMatchObject({ Id: '75804', SiteId: '169', StatusId: 'MSS1' });
	});
});
