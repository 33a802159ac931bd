/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
/**
 * Onebox Message through n8n's real engine (test/workflows/harness.ts), nock at the HTTP boundary:
 * the exact request of every example of Onebox's API page, the session token's life cycle, the
 * failures, validation, redaction and the error output.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { OneboxApi } from '../../credentials/OneboxApi.credentials';
import { connectionChannel, connectionItem } from '../../nodes/OneboxMessage/methods';
import { connectionsOf } from '../../nodes/OneboxMessage/oneboxClient';
import { needsLogin } from '../../nodes/OneboxMessage/oneboxSession';
import { OneboxMessage } from '../../nodes/OneboxMessage/OneboxMessage.node';
import { combinations } from '../../nodes/OneboxMessage/channels';
import { OPERATIONS, operationFor } from '../../nodes/OneboxMessage/operations';
import type { SingleNodeOptions } from '../workflows/harness';
import { jsonOf, registerCredential, registerNode, runSingleNode, singleNodeWorkflow } from '../workflows/harness';
import { closedPort, dropServer } from './servers';

const TYPE = 'n8n-nodes-payout-notify.oneboxMessage';
registerNode(TYPE, new OneboxMessage());
registerCredential(new OneboxApi());

const HOST = 'http://onebox.test';
const PASSWORD = 'pw-secret-123';
const LOGIN = { email: 'op@example.com', password: PASSWORD, siteId: '169' };

/** A JWT as Onebox issues it: 15 minutes between iat and exp. */
function jwt(expiresInSeconds: number, tag = 'a'): string {
	const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const now = Math.floor(Date.now() / 1000);
	return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: tag, iat: now + expiresInSeconds - 900, exp: now + expiresInSeconds })}.c2lnbmF0dXJl${tag}`;
}
const TOKEN = jwt(900, 'fresh');

/** Fresh credentials per run: the harness stores the token in this object, as n8n does in its database. */
const credentials = (sessionToken = '', host = HOST) => ({ oneboxApi: { host, ...LOGIN, sessionToken } });

interface Call {
	authorization: string;
	body: IDataObject;
}

/** Records every POST /api/message and answers them with `replies`, in turn; one request per reply. */
function messageApi(...replies: Array<[number, unknown, Record<string, string>?]>) {
	const calls: Call[] = [];
	nock(HOST)
		.post('/api/message')
		.times(replies.length)
		.reply(function (_uri, body) {
			calls.push({ authorization: String(this.req.headers.authorization), body: body as IDataObject });
			const [status, answer, headers] = replies[Math.min(calls.length, replies.length) - 1];
			return [status, typeof answer === 'function' ? (answer as (b: IDataObject) => unknown)(body as IDataObject) : answer, headers ?? {}];
		});
	return calls;
}

/** A real Onebox stand-in whose login drops the connection `drops` times (nock cannot fake that reliably). */
async function scriptedOnebox(drops: number) {
	nock.enableNetConnect('127.0.0.1');
	let logins = 0;
	let messages = 0;
	const server = createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			if (req.url === '/api/authenticate') {
				if (++logins <= drops) {
					req.socket.destroy();
					return;
				}
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ response_code: '200', response_status: 'Success', token: TOKEN }));
				return;
			}
			messages++;
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(created(9)(JSON.parse(raw) as IDataObject)));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		logins: () => logins,
		messages: () => messages,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** What Onebox answers for a created message, built from the request like the API page's example. */
function created(id: number, mediaId = 'FCBK') {
	return (body: IDataObject) => ({
		limit: '1',
		offset: 0,
		count: 1,
		total: 707,
		data: [
			{
				Id: String(id),
				SiteId: '169',
				ConnectionId: String(body.ConnectionId),
				Subject: body.Subject,
				MediaId: mediaId,
				MethodId: body.MethodId,
				From: body.From,
				To: body.To,
				StatusId: 'MSS1',
				CreateDate: '2026-11-22 10:00:00',
				Users: [],
				Content: body.Content,
				Attachments: [],
			},
		],
	});
}

function loginApi(times = 1, token = TOKEN) {
	const bodies: unknown[] = [];
	nock(HOST)
		.post('/api/authenticate', (body) => {
			bodies.push(body);
			return true;
		})
		.times(times)
		.reply(200, { response_code: '200', response_status: 'Success', token });
	return bodies;
}

const connection = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });

interface RunOptions {
	items?: INodeExecutionData[];
	token?: string;
	host?: string;
	onError?: SingleNodeOptions['onError'];
	typeVersion?: number;
}

/** Runs the node through n8n's engine; returns its outputs, its error if it stopped, and the stored credential. */
async function run(parameters: IDataObject, opts: RunOptions = {}) {
	const creds = credentials(opts.token, opts.host);
	const workflow = singleNodeWorkflow('oneboxMessage', parameters, opts.items ?? [{ json: {} }], { credentialType: 'oneboxApi', onError: opts.onError, typeVersion: opts.typeVersion });
	const result = await runSingleNode(workflow, creds);
	const error = result.error as (Error & { description?: string; context?: IDataObject }) | undefined;
	return { ...result, main: result.node, error, store: creds.oneboxApi };
}

const continueRegular = { onError: 'continueRegularOutput' } as const;

/**
 * A failed item as the user gets it. n8n keeps only `{error: message}` as the JSON of an item
 * that carries `error` (WorkflowExecute rewrites it); the rest is on the attached NodeApiError.
 */
function failure(item: INodeExecutionData) {
	const error = item.error as (Error & { description?: string; httpCode?: string | null; context: IDataObject }) | undefined;
	expect(item.json).toEqual({ error: error?.message });
	return {
		error: error?.message,
		description: error?.description,
		httpCode: error?.httpCode ?? undefined,
		delivery: error?.context.delivery ?? 'not-sent',
	};
}
const failures = (items: INodeExecutionData[] | undefined) => (items ?? []).map(failure);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

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

const FB_POST = { connectionId: connection(583), channel: 'facebook', method: 'post', from: '469218373611012', to: '469218373611012', body: 'Payout sent' };

describe('session token', () => {
	test('one login for several items: the token is cached in the credential', async () => {
		const logins = loginApi(1);
		const calls = messageApi([200, created(1)], [200, created(2)], [200, created(3)]);
		const { main, credentialsHelper, store } = await run(FB_POST, { items: [{ json: {} }, { json: {} }, { json: {} }] });
		expect(logins).toEqual([LOGIN]);
		expect(credentialsHelper.preAuthCalls).toBe(1);
		expect(calls.map((c) => c.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
		expect(jsonOf(main[0]).map((j) => j.id)).toEqual([1, 2, 3]);
		expect(main[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(store.sessionToken).toBe(TOKEN);
	});

	test('a stored token is used without logging in', async () => {
		const calls = messageApi([200, created(1)]);
		const { credentialsHelper } = await run(FB_POST, { token: TOKEN });
		expect(credentialsHelper.preAuthCalls).toBe(0);
		expect(calls[0].authorization).toBe(`Bearer ${TOKEN}`);
	});

	test('"Expired token": one new login, the request repeated once, success', async () => {
		const logins = loginApi(1);
		const calls = messageApi(
			[401, { _meta: { status: 'ERROR', count: 1 }, records: { errorCode: 401, userMessage: 'Expired token', devMessage: null, more: null, applicationCode: null } }],
			[200, created(9)],
		);
		const { main, credentialsHelper, store } = await run(FB_POST, { token: 'stale-session-token' });
		expect(logins).toHaveLength(1);
		expect(credentialsHelper.preAuthCalls).toBe(1);
		expect(calls.map((c) => c.authorization)).toEqual(['Bearer stale-session-token', `Bearer ${TOKEN}`]);
		expect(calls[0].body).toEqual(calls[1].body);
		expect(jsonOf(main[0])[0].id).toBe(9);
		expect(store.sessionToken).toBe(TOKEN);
	});

	test('"Expired token" twice: repeated once only, then a failure', async () => {
		loginApi(1);
		const expired = { records: { errorCode: 401, userMessage: 'Expired token' } };
		const calls = messageApi([401, expired], [401, expired]);
		const { main } = await run(FB_POST, { token: 'stale-session-token', ...continueRegular });
		expect(calls).toHaveLength(2);
		expect(failures(main[0])[0]).toMatchObject({ httpCode: '401', delivery: 'not-sent', error: 'Onebox did not accept the session token: Expired token' });
	});

	test('another 401 about the token (not the quota) also renews it once', async () => {
		loginApi(1);
		const calls = messageApi([401, { records: { errorCode: 401, userMessage: 'Invalid token signature' } }], [200, created(10)]);
		const { main, credentialsHelper } = await run(FB_POST, { token: 'revoked-token' });
		expect(credentialsHelper.preAuthCalls).toBe(1);
		expect(calls.map((c) => c.authorization)).toEqual(['Bearer revoked-token', `Bearer ${TOKEN}`]);
		expect(jsonOf(main[0])[0].id).toBe(10);
	});

	test('a token whose JWT exp has passed is renewed before sending: no 401 needed', async () => {
		const logins = loginApi(1);
		const calls = messageApi([200, created(1)]);
		const { credentialsHelper } = await run(FB_POST, { token: jwt(-60, 'old') });
		expect(logins).toHaveLength(1);
		expect(credentialsHelper.preAuthCalls).toBe(1);
		expect(calls.map((c) => c.authorization)).toEqual([`Bearer ${TOKEN}`]);
	});

	test('a retry after a 429 reuses the new token: still one login', async () => {
		const logins = loginApi(1);
		const calls = messageApi([429, {}, { 'Retry-After': '0' }], [200, created(12)]);
		const { main, credentialsHelper } = await run(FB_POST);
		expect(logins).toHaveLength(1);
		expect(credentialsHelper.preAuthCalls).toBe(1);
		expect(calls.map((c) => c.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
		expect(jsonOf(main[0])[0].id).toBe(12);
	});

	test('a login answered 503 is retried like any request, then the message is sent', async () => {
		nock(HOST).post('/api/authenticate').reply(503, 'Service Unavailable', { 'Retry-After': '0' });
		const logins = loginApi(1);
		const calls = messageApi([200, created(13)]);
		const { main, credentialsHelper } = await run(FB_POST);
		expect(logins).toHaveLength(1);
		expect(credentialsHelper.preAuthCalls).toBe(2);
		expect(calls).toHaveLength(1);
		expect(jsonOf(main[0])[0].id).toBe(13);
	});

	test('50 executions that meet a token expired at Onebox share one login (single flight across executions)', async () => {
		const stale = jwt(600, 'stale-at-onebox');
		const fresh = jwt(900, 'renewed');
		let logins = 0;
		nock(HOST)
			.post('/api/authenticate')
			.times(50)
			.reply(() => {
				logins++;
				return [200, { response_code: '200', response_status: 'Success', token: fresh }];
			});
		const sent: string[] = [];
		nock(HOST)
			.post('/api/message')
			.times(100)
			.reply(function (_uri, body) {
				const authorization = String(this.req.headers.authorization);
				if (authorization !== `Bearer ${fresh}`) return [401, { records: { userMessage: 'Expired token' } }];
				sent.push(authorization);
				return [200, created(sent.length)(body as IDataObject)];
			});
		// One stored credential, as in n8n's database, shared by every execution.
		const store = credentials(stale);
		const workflow = singleNodeWorkflow('oneboxMessage', FB_POST, [{ json: {} }], { credentialType: 'oneboxApi' });
		const runs = await Promise.all(Array.from({ length: 50 }, () => runSingleNode(workflow, store)));
		expect(runs.map((r) => r.error)).toEqual(Array(50).fill(undefined));
		expect(logins).toBe(1);
		expect(sent).toHaveLength(50);
		expect(store.oneboxApi).toMatchObject({ sessionToken: fresh });
	});

	test('a clock 20 minutes off Onebox\'s costs no extra logins: the lifetime counts from when the token arrived', async () => {
		for (const skewSeconds of [-1200, 1200]) {
			nock.cleanAll();
			const now = Math.floor(Date.now() / 1000);
			const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
			// Onebox's clock is `skewSeconds` off n8n's: its iat and exp are too.
			const skewed = `${part({ alg: 'HS256' })}.${part({ sub: 'skew', iat: now + skewSeconds, exp: now + skewSeconds + 900 })}.c2lnskew${skewSeconds}`;
			const logins = loginApi(5, skewed);
			const calls = messageApi(...Array.from({ length: 3 }, (_, i): [number, unknown] => [200, created(i + 1)]));
			const store = credentials('');
			const workflow = singleNodeWorkflow('oneboxMessage', FB_POST, [{ json: {} }], { credentialType: 'oneboxApi' });
			for (let i = 0; i < 3; i++) expect((await runSingleNode(workflow, store)).error).toBeUndefined();
			expect([skewSeconds, logins.length, calls.length]).toEqual([skewSeconds, 1, 3]);
			const expiresAt = Number((store.oneboxApi as IDataObject).sessionExpiresAt);
			expect(Math.abs(expiresAt - (Date.now() + 900_000))).toBeLessThan(10_000);
			// By n8n's clock: valid for its 15 minutes, renewed after them.
			expect(needsLogin(skewed, Date.now() + 14 * 60_000, expiresAt)).toBe(false);
			expect(needsLogin(skewed, Date.now() + 15 * 60_000, expiresAt)).toBe(true);
		}
	});

	test('needsLogin: empty, expired or about to expire; opaque tokens are left to the 401', () => {
		expect(needsLogin('')).toBe(true);
		expect(needsLogin(jwt(-1))).toBe(true);
		expect(needsLogin(jwt(10))).toBe(true);
		expect(needsLogin(jwt(600))).toBe(false);
		expect(needsLogin('not-a-jwt')).toBe(false);
	});

	test('the quota 401 is a failure naming the window, never retried, no new login', async () => {
		const quota = { _meta: { status: 'ERROR', count: 1 }, records: { errorCode: 401, userMessage: 'time limit reached please try again tomorrow at 18:00 - 06:00', devMessage: '', more: null, applicationCode: '' } };
		const calls = messageApi([401, quota]);
		const { main, credentialsHelper } = await run(FB_POST, { token: TOKEN, ...continueRegular });
		expect(calls).toHaveLength(1);
		expect(credentialsHelper.preAuthCalls).toBe(0);
		const [item] = failures(main[0]);
		expect(item.error).toBe('Onebox\'s API time limit is reached for this account: "time limit reached please try again tomorrow at 18:00 - 06:00"');
		expect(item.description).toContain('Nothing was sent and the node did not retry');
		expect(item.description).toContain('run this item again tomorrow between 18:00 and 06:00');
		expect(item).toMatchObject({ httpCode: '401', delivery: 'not-sent' });
	});

	test('a refused login: one attempt for all items, a clear error without the password', async () => {
		const logins: unknown[] = [];
		nock(HOST)
			.post('/api/authenticate', (body) => logins.push(body) > 0)
			.reply(401, { _meta: { status: 'ERROR', count: 1 }, records: { errorCode: 401, userMessage: `Invalid email or password (${PASSWORD})` } });
		const { main, credentialsHelper } = await run(FB_POST, { items: [{ json: {} }, { json: {} }], ...continueRegular });
		expect(logins).toHaveLength(1);
		expect(credentialsHelper.preAuthCalls).toBe(1);
		const items = failures(main[0]);
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item.error).toBe('Onebox refused the login of op@example.com on site 169 (HTTP 401): Invalid email or password (***)');
			expect(item.description).toContain('Check Email, Password and Site ID');
			expect(item).toMatchObject({ httpCode: '401', delivery: 'not-sent' });
		}
		expect(JSON.stringify(main)).not.toContain(PASSWORD);
	});
});

describe('failures', () => {
	test('HTTP 200 with error (passed through from the channel) is a failure', async () => {
		messageApi([200, { error: { message: '(#200) The page is not allowed to comment', code: 200 } }]);
		const { main } = await run(FB_POST, { token: TOKEN, ...continueRegular });
		expect(failures(main[0])).toEqual([
			{
				error: 'Onebox passed on an error from Facebook: (#200) The page is not allowed to comment',
				description:
					'Facebook refused the message, so it was not delivered (Onebox answered HTTP 200 with an error). Check the fields the error names, and that the Facebook connection in Onebox is still authorised.',
				delivery: 'not-sent',
			},
		]);
	});

	test('a 400 shows Onebox\'s userMessage', async () => {
		messageApi([400, { _meta: { status: 'ERROR', count: 1 }, records: { errorCode: 400, userMessage: 'ConnectionId not found' } }]);
		const { main } = await run(FB_POST, { token: TOKEN, ...continueRegular });
		expect(failures(main[0])[0]).toMatchObject({ error: 'Onebox refused the message: ConnectionId not found', httpCode: '400', delivery: 'not-sent' });
	});

	test('429 then 200: retried after Retry-After, one message created', async () => {
		const calls = messageApi([429, { records: { userMessage: 'Too many requests' } }, { 'Retry-After': '0' }], [200, created(5)]);
		const { main, error } = await run(FB_POST, { token: TOKEN });
		expect(error).toBeUndefined();
		expect(calls).toHaveLength(2);
		expect(jsonOf(main[0])[0].id).toBe(5);
	});

	test('503 until the retries run out: a failure saying nothing was sent', async () => {
		const calls = messageApi([503, 'Service Unavailable', { 'Retry-After': '0' }], [503, 'Service Unavailable', { 'Retry-After': '0' }]);
		const { main } = await run({ ...FB_POST, options: { maxRetries: 1 } }, { token: TOKEN, ...continueRegular });
		expect(calls).toHaveLength(2);
		expect(failures(main[0])[0]).toMatchObject({ httpCode: '503', delivery: 'not-sent', error: 'Onebox is unavailable (HTTP 503): Service Unavailable' });
	});

	test('a 502 is not retried (a proxy answers it after the upstream received the request): outcome unknown', async () => {
		const calls = messageApi([502, 'Bad Gateway'], [200, created(9)]);
		const { main } = await run(FB_POST, { token: TOKEN, ...continueRegular });
		expect(calls).toHaveLength(1);
		expect(failures(main[0])[0]).toMatchObject({
			httpCode: '502',
			delivery: 'unknown',
			error: "Onebox's gateway lost the connection to the server (HTTP 502): Bad Gateway: the message may have been sent",
		});
	});

	test('a 502 is retried with "Retry When Outcome Unknown"', async () => {
		const calls = messageApi([502, 'Bad Gateway'], [200, created(9)]);
		const { main, error } = await run({ ...FB_POST, options: { retryAmbiguous: true } }, { token: TOKEN });
		expect(error).toBeUndefined();
		expect(calls).toHaveLength(2);
		expect(jsonOf(main[0])[0].id).toBe(9);
	});

	test('a 500 is not retried and may have been sent: Onebox does not say it rolls back', async () => {
		const calls = messageApi([500, { records: { userMessage: 'Internal error' } }], [200, created(9)]);
		const { main } = await run(FB_POST, { token: TOKEN, ...continueRegular });
		expect(calls).toHaveLength(1);
		expect(failures(main[0])[0]).toMatchObject({ httpCode: '500', delivery: 'unknown', error: 'Onebox failed with a server error (HTTP 500): Internal error: the message may have been sent' });
	});

	test('a login that gets no answer is "not sent" (the message request never left) and retried', async () => {
		const onebox = await scriptedOnebox(1);
		try {
			const { main, error } = await run(FB_POST, { token: '', host: onebox.url });
			expect(error).toBeUndefined();
			expect(onebox.logins()).toBe(2);
			expect(onebox.messages()).toBe(1);
			expect(jsonOf(main[0])[0].id).toBe(9);
		} finally {
			await onebox.close();
		}
	});

	test('a login that never gets an answer fails as "not sent"', async () => {
		const onebox = await scriptedOnebox(5);
		try {
			const { main } = await run({ ...FB_POST, options: { maxRetries: 1 } }, { token: '', host: onebox.url, ...continueRegular });
			expect(onebox.logins()).toBe(2);
			expect(onebox.messages()).toBe(0);
			const [item] = failures(main[0]);
			expect(item).toMatchObject({ delivery: 'not-sent' });
			expect(item.error).toMatch(/^Could not connect to Onebox: the login got no answer \(ECONNRESET\)$/);
		} finally {
			await onebox.close();
		}
	});

	test('a login answered 502 is retried as "not sent" (no message left), then the message goes once', async () => {
		const calls = messageApi([200, created(9)]);
		nock(HOST).post('/api/authenticate').reply(502, 'Bad Gateway');
		loginApi(1);
		const { main, error } = await run(FB_POST, { token: '' });
		expect(error).toBeUndefined();
		expect(calls).toHaveLength(1);
		expect(jsonOf(main[0])[0].id).toBe(9);
	});

	test('a dropped connection is not retried: the message may have been sent', async () => {
		const server = await dropServer();
		try {
			const { main } = await run(FB_POST, { token: TOKEN, host: server.url, ...continueRegular });
			const [item] = failures(main[0]);
			expect(server.requests()).toBe(1);
			expect(item.delivery).toBe('unknown');
			expect(item.error).toMatch(/^No answer from Onebox \(.+\): the message may have been sent$/);
			expect(item.description).toContain('may have been sent');
		} finally {
			await server.close();
		}
	});

	test('a refused connection says nothing was sent', async () => {
		const port = await closedPort();
		const { main } = await run({ ...FB_POST, options: { maxRetries: 0 } }, { token: TOKEN, host: `http://127.0.0.1:${port}`, ...continueRegular });
		expect(failures(main[0])[0]).toMatchObject({ error: 'Could not connect to Onebox: ECONNREFUSED', delivery: 'not-sent' });
	});

	test('a 200 without the created message is a failure that may have been sent', async () => {
		messageApi([200, { limit: '1', offset: 0, count: 0, total: 0, data: [] }]);
		const { main } = await run(FB_POST, { token: TOKEN, ...continueRegular });
		expect(failures(main[0])[0]).toMatchObject({ error: 'Onebox answered without the created message', delivery: 'unknown' });
	});

	test('password and tokens never show in errors or output, even when Onebox echoes them', async () => {
		const old = 'stale-session-token';
		messageApi(
			[401, { records: { userMessage: 'Expired token' } }],
			[400, { records: { userMessage: `bad request from op@example.com/${PASSWORD} with ${TOKEN} and ${old}` } }],
		);
		loginApi(1);
		const { main } = await run(FB_POST, { token: old, ...continueRegular });
		const json = JSON.stringify([jsonOf(main[0]), failures(main[0])]);
		expect(json).toContain('bad request from op@example.com/*** with *** and ***');
		expect(json).not.toContain(PASSWORD);
		expect(json).not.toContain(TOKEN);
		expect(json).not.toContain(old);
	});

	test('without "Continue", the run stops with an error naming the item', async () => {
		messageApi([200, created(1)], [400, { records: { userMessage: 'To is not a follower' } }]);
		const { error } = await run(FB_POST, { token: TOKEN, items: [{ json: {} }, { json: {} }] });
		expect(error?.message).toBe('Onebox refused the message: To is not a follower');
		expect(error?.context?.itemIndex).toBe(1);
		expect(JSON.stringify(error)).not.toContain(PASSWORD);
	});

	test('continueErrorOutput: failed items go to the error output, paired with their input', async () => {
		messageApi([200, created(11)], [400, { records: { userMessage: 'Invalid recipient' } }], [200, created(13)]);
		const { main } = await run({ ...FB_POST, options: { concurrency: 1 } }, { token: TOKEN, items: [{ json: {} }, { json: {} }, { json: {} }], onError: 'continueErrorOutput' });
		expect(jsonOf(main[0]).map((j) => j.id)).toEqual([11, 13]);
		expect(main[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(failures(main[1])).toEqual([
			{
				error: 'Onebox refused the message: Invalid recipient',
				description: 'Nothing was sent. Correct the field Onebox names (or the expression that fills it) and run the item again.',
				httpCode: '400',
				delivery: 'not-sent',
			},
		]);
		expect(main[1][0].pairedItem).toEqual({ item: 1 });
	});
});

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

describe('connection list (listSearch helpers)', () => {
	test('reads {data: [...]}, names each connection and tells its channel', () => {
		const body = { data: [{ Id: '583', MediaName: 'Facebook', MediaId: '469218373611012', Description: 'Mydin22.' }, { Id: '576', Name: 'trial_corp', MediaId: 'TWTR' }, { Name: 'no id' }] };
		const records = connectionsOf(body);
		expect(records.map(connectionChannel)).toEqual(['facebook', 'twitter', undefined]);
		expect(records.map(connectionItem)).toEqual([
			{ name: 'Mydin22. (Facebook, 583)', value: '583' },
			{ name: 'trial_corp (TWTR, 576)', value: '576' },
			undefined,
		]);
		expect(connectionsOf([{ Id: 1 }])).toEqual([{ Id: 1 }]);
	});
});

describe('credential', () => {
	const cred = new OneboxApi();
	const helpers = (answer: { statusCode: number; body: unknown } | Error) => {
		const httpRequest = jest.fn(async () => {
			if (answer instanceof Error) throw answer;
			return answer;
		});
		return { httpRequest, context: { helpers: { httpRequest } } as never };
	};
	const stored = { host: 'https://ocdev.ciptadrasoft.net/', ...LOGIN, sessionToken: '' };

	test('preAuthentication logs in with JSON email, password and siteId and returns the token', async () => {
		const { httpRequest, context } = helpers({ statusCode: 200, body: { response_code: '200', response_status: 'Success', token: TOKEN } });
		await expect(cred.preAuthentication.call(context, stored)).resolves.toEqual({ sessionToken: TOKEN, sessionExpiresAt: expect.any(Number) });
		expect(httpRequest).toHaveBeenCalledWith({
			method: 'POST',
			url: 'https://ocdev.ciptadrasoft.net/api/authenticate',
			body: LOGIN,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30_000,
		});
	});

	test('a refused login throws a clear error without the password, and no status n8n would log in again for', async () => {
		const { context } = helpers({ statusCode: 401, body: { records: { errorCode: 401, userMessage: `wrong password ${PASSWORD}` } } });
		const error = (await cred.preAuthentication.call(context, stored).catch((e: unknown) => e)) as Error & IDataObject;
		expect(error.message).toBe('Onebox refused the login (HTTP 401) for op@example.com on site 169: wrong password ***');
		expect(error.description).toContain('Check Email, Password and Site ID');
		expect(error.response).toEqual({ data: { oneboxLogin: { status: 401, userMessage: `wrong password ${PASSWORD}`, email: 'op@example.com', siteId: '169' } } });
		expect((error.response as IDataObject).status).toBeUndefined();
	});

	test('a login that cannot connect keeps only the error code (the library error holds the password)', async () => {
		const wire = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', config: { data: JSON.stringify(LOGIN) } });
		const { context } = helpers(wire);
		const error = (await cred.preAuthentication.call(context, stored).catch((e: unknown) => e)) as Error & IDataObject;
		expect(error.message).toBe('Could not reach Onebox at https://ocdev.ciptadrasoft.net to log in (ECONNREFUSED)');
		expect(error.code).toBe('ECONNREFUSED');
		expect(JSON.stringify({ ...error, message: error.message })).not.toContain(PASSWORD);
	});

	test('authenticate sends the token as a bearer header; the test lists the connections', () => {
		expect(cred.authenticate).toEqual({ type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' } } });
		expect(cred.test.request).toMatchObject({ url: '/api/connection', method: 'GET' });
		expect(cred.properties.find((p) => p.name === 'sessionToken')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true, password: true } });
	});
});

describe('operations (version 2): the actions n8n\'s nodes panel lists and lets people drag', () => {
	test('one operation per channel and method, sorted by name, each with a sentence-case action', () => {
		const pairs = OPERATIONS.map((o) => `${o.channel}/${o.method}`);
		expect([...pairs].sort()).toEqual(combinations().map(({ channel, method }) => `${channel.value}/${method.value}`).sort());
		expect(OPERATIONS.map((o) => o.name)).toEqual([...OPERATIONS.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
		for (const o of OPERATIONS) expect(o.action).toMatch(/^[A-Z][a-z]+ [^.]+[^.]$/);
	});

	test('version 1 keeps Channel + Method; version 2 shows Operation, defaulting to "Send Email" as version 1 defaults to email', () => {
		const { description } = new OneboxMessage();
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
		const byName = (name: string) => description.properties.filter((p) => p.name === name);
		expect(byName('channel').map((p) => [p.default, p.displayOptions])).toEqual([['email', { show: { '@version': [1] } }]]);
		const [operation] = byName('operation');
		expect(operation).toMatchObject({ default: 'sendEmail', noDataExpression: true, displayOptions: { show: { '@version': [2] } } });
		expect((operation.options as Array<{ action: string }>).map((o) => o.action)).toContain('Send a WhatsApp message');
	});
});
