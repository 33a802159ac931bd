/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { runSingleNode, singleNodeWorkflow } from '../workflows/harness';
import { closedPort, dropServer } from './servers';

const ODOO = 'http://odoo.test';
const KEY = 'odoo-secret-key-123';
const json2 = { payoutOdooApi: { url: `${ODOO}/`, apiKey: KEY, apiType: 'json2', database: 'musiccast', login: '' } };
const jsonrpc = { payoutOdooApi: { url: ODOO, apiKey: KEY, apiType: 'jsonrpc', database: 'musiccast', login: 'bot@musiccast.example' } };

const payout = { partner_id: 7, reference: 'PAY-2026-0042', date: '2026-11-22', amount: '125.50', currency: 'EUR', payout_link: 'https://pay.example.com/status/PAY-2026-0042' };

// The seed's request: partner 7, the positive text, author 2 and the support reply-to.
const seedParameters: IDataObject = {
	recordId: { __rl: true, mode: 'id', value: '={{ $json.partner_id }}' },
	options: { authorId: 2, replyTo: '"Music Cast Support" <support@musiccast.example>' },
};

const SUCCESS_HTML =
	'<p>Your payment request PAY-2026-0042 (2026-11-22) with amount 125.50 EUR has been successfully processed.<br>' +
	'Your earnings are on their way. Please allow 1-5 business days for them to appear in your configured local payout method.<br>' +
	'To check your payment status, please click here: <a href="https://pay.example.com/status/PAY-2026-0042">https://pay.example.com/status/PAY-2026-0042</a><br>' +
	'We are very happy to work with you.<br>Regards,</p>';

const FAILURE_HTML =
	'<p>Our team is reviewing your payment request PAY-2026-0042 (2026-11-22) with amount 125.50 EUR.<br>' +
	'If everything is correct, your payment will be successfully processed within 1 to 5 business days to your configured local payment method.<br>' +
	'If we find any issues, we will contact you immediately.<br>' +
	'Don&#39;t worry, this is part of our standard procedure.<br>Regards,</p>';

const items = (...jsons: IDataObject[]): INodeExecutionData[] => jsons.map((json) => ({ json }));

function run(parameters: IDataObject, input: INodeExecutionData[], credentials: Record<string, IDataObject> = json2, onError?: 'continueRegularOutput' | 'continueErrorOutput') {
	return runSingleNode(
		singleNodeWorkflow('odooMessagePost', parameters, input, { credentialType: 'payoutOdooApi', onError }),
		credentials as never,
	);
}

/** Records every request a nock scope answers, with its headers. */
function recorder() {
	const seen: Array<{ path: string; body: IDataObject; headers: IDataObject }> = [];
	const record = function (this: { req: { headers: IDataObject } }, path: string, body: IDataObject) {
		seen.push({ path, body, headers: this.req.headers });
	};
	return { seen, record };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('JSON-2 (Odoo 19+)', () => {
	test('sends the seed\'s request exactly and outputs one message id paired with its item', async () => {
		const { seen, record } = recorder();
		nock(ODOO)
			.post('/json/2/res.partner/message_post')
			.reply(200, function (path, body) {
				record.call(this, path, body as IDataObject);
				return [4242];
			});

		const { node, error } = await run(seedParameters, items(payout));

		expect(error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(seen[0].headers).toMatchObject({
			authorization: `bearer ${KEY}`,
			'content-type': 'application/json',
			'x-odoo-database': 'musiccast',
			'user-agent': 'n8n-nodes-payout-notify',
		});
		expect(seen[0].body).toEqual({
			ids: [7],
			body: SUCCESS_HTML,
			body_is_html: true,
			message_type: 'comment',
			subtype_xmlid: 'mail.mt_comment',
			partner_ids: [7],
			author_id: 2,
			reply_to: '"Music Cast Support" <support@musiccast.example>',
		});
		expect(node[0]).toEqual([
			{ json: { messageId: 4242, model: 'res.partner', recordId: 7, api: 'json2', outcome: 'success' }, pairedItem: { item: 0 } },
		]);
	});

	test('an item from an error output gets the negative text; a success item the positive one', async () => {
		const bodies: IDataObject[] = [];
		nock(ODOO)
			.post('/json/2/res.partner/message_post', (b) => bodies.push(b) > 0)
			.times(2)
			.reply(200, [1]);

		const { node } = await run(seedParameters, [{ json: { ...payout, error: { message: 'Stripe: balance_insufficient' } } }, { json: payout }]);

		expect(bodies.map((b) => b.body).sort()).toEqual([FAILURE_HTML, SUCCESS_HTML].sort());
		expect(node[0].map((i) => i.json.outcome)).toEqual(['failure', 'success']);
	});

	test('values from incoming data are HTML-escaped, the link is kept as a link', async () => {
		let body = '';
		nock(ODOO)
			.post('/json/2/res.partner/message_post', (b) => ((body = b.body), true))
			.reply(200, [5]);

		await run(seedParameters, items({ ...payout, reference: '<script>alert("x")</script>', amount: '1 & 2', payout_link: 'https://p.example/?a=1&b="2"' }));

		expect(body).toContain('request &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; (2026-11-22) with amount 1 &amp; 2 EUR');
		expect(body).toContain('<a href="https://p.example/?a=1&amp;b=&quot;2&quot;">https://p.example/?a=1&amp;b=&quot;2&quot;</a>');
		expect(body).not.toContain('<script>');
	});

	test('internal note on an account.move with extra partners, subject, custom plain-text body', async () => {
		let sent: IDataObject = {};
		nock(ODOO)
			.post('/json/2/account.move/message_post', (b) => ((sent = b), true))
			.reply(200, [77]);

		const { node } = await run(
			{
				model: 'account.move',
				recordId: { __rl: true, mode: 'id', value: '31' },
				messageSource: 'custom',
				body: 'Booked <ok>\nline two',
				subject: 'Journal entry',
				messageType: 'note',
				partnerIds: '12, 15',
				options: { lang: 'fr_FR', parentId: 9, emailFrom: 'bot@musiccast.example' },
			},
			items({}),
		);

		expect(sent).toEqual({
			ids: [31],
			body: '<p>Booked &lt;ok&gt;<br>line two</p>',
			body_is_html: true,
			message_type: 'comment',
			subtype_xmlid: 'mail.mt_note',
			partner_ids: [12, 15],
			subject: 'Journal entry',
			parent_id: 9,
			email_from: 'bot@musiccast.example',
			context: { lang: 'fr_FR' },
		});
		expect(node[0][0].json).toEqual({ messageId: 77, model: 'account.move', recordId: 31, api: 'json2' });
	});

	const withStatement = (json: IDataObject = payout): INodeExecutionData[] => [
		{ json, binary: { statement: { data: Buffer.from('a,b\n1,2').toString('base64'), mimeType: 'text/csv', fileName: 'statement.csv' } } },
	];

	test('binary properties become ir.attachment records linked to the message, once the record is checked', async () => {
		const calls: Array<{ path: string; body: IDataObject }> = [];
		nock(ODOO)
			.post('/json/2/res.partner/read', (b) => calls.push({ path: 'read', body: b }) > 0)
			.reply(200, [{ id: 7 }])
			.post('/json/2/ir.attachment/create', (b) => calls.push({ path: 'create', body: b }) > 0)
			.reply(200, [901])
			.post('/json/2/res.partner/message_post', (b) => calls.push({ path: 'post', body: b }) > 0)
			.reply(200, [11]);

		const { node } = await run({ ...seedParameters, options: { attachments: 'statement' } }, withStatement());

		expect(calls.map((c) => c.path)).toEqual(['read', 'create', 'post']);
		expect(calls[0].body).toEqual({ ids: [7], fields: ['id'] });
		expect(calls[1].body).toEqual({
			vals_list: [{ name: 'statement.csv', datas: Buffer.from('a,b\n1,2').toString('base64'), mimetype: 'text/csv', res_model: 'res.partner', res_id: 7 }],
		});
		expect(calls[2].body.attachment_ids).toEqual([901]);
		expect(node[0][0].json).toMatchObject({ messageId: 11, attachmentIds: [901] });
	});

	test('no attachment is created for a record that does not exist', async () => {
		const paths: string[] = [];
		nock(ODOO)
			.post('/json/2/res.partner/read', () => paths.push('read') > 0)
			.reply(404, { name: 'odoo.exceptions.MissingError', message: 'Record does not exist or has been deleted.' })
			.post('/json/2/ir.attachment/create', () => paths.push('create') > 0)
			.reply(200, [901]);

		const { error } = await run({ ...seedParameters, options: { attachments: 'statement' } }, withStatement());

		expect(paths).toEqual(['read']);
		expect(error?.message).toBe('Odoo has no such record, model or method: MissingError: Record does not exist or has been deleted.');
	});

	test('attachments are removed again when the post fails (nothing posted), so a re-run does not duplicate them', async () => {
		const calls: Array<{ path: string; body: IDataObject }> = [];
		nock(ODOO)
			.post('/json/2/res.partner/read')
			.reply(200, [{ id: 7 }])
			.post('/json/2/ir.attachment/create')
			.reply(200, [901])
			.post('/json/2/res.partner/message_post')
			.reply(422, { name: 'odoo.exceptions.UserError', message: 'Partner 7 is archived' })
			.post('/json/2/ir.attachment/unlink', (b) => calls.push({ path: 'unlink', body: b }) > 0)
			.reply(200, 'true', { 'content-type': 'application/json' });

		const { error } = await run({ ...seedParameters, options: { attachments: 'statement' } }, withStatement());

		expect(error?.message).toBe('Odoo refused the message: UserError: Partner 7 is archived');
		expect(calls).toEqual([{ path: 'unlink', body: { ids: [901] } }]);
		expect(error?.description).toContain('The attachment created for it (901) was removed again.');
	});

	test('attachments stay when the post may have happened (they may belong to a posted message)', async () => {
		const paths: string[] = [];
		nock(ODOO)
			.post('/json/2/res.partner/read')
			.reply(200, [{ id: 7 }])
			.post('/json/2/ir.attachment/create')
			.reply(200, [901])
			.post('/json/2/res.partner/message_post')
			.reply(504, 'Gateway Timeout')
			.post('/json/2/ir.attachment/unlink', () => paths.push('unlink') > 0)
			.reply(200, 'true', { 'content-type': 'application/json' });

		const { error } = await run({ ...seedParameters, options: { attachments: 'statement' } }, withStatement());

		expect(error?.message).toMatch(/HTTP 504.*may have been sent/);
		expect(paths).toEqual([]);
		expect(error?.description).toContain('The attachment created for it (901) was kept: the message may have been posted with it.');
	});
});

describe('JSON-RPC (Odoo 14-18)', () => {
	const version = (v: number) => ({ version: `${v}.0`, version_info: [v, 0, 0, 'final', 0, ''] });

	test('logs in once, calls execute_kw, and normalizes the bare integer of Odoo 17', async () => {
		const rpc: IDataObject[] = [];
		nock(ODOO)
			.get('/web/version')
			.reply(200, version(17))
			.post('/jsonrpc', (b) => rpc.push(b) > 0)
			.times(3)
			.reply(200, (_u, b) => {
				const params = (b as { params: { method: string } }).params;
				return { jsonrpc: '2.0', id: (b as { id: number }).id, result: params.method === 'login' ? 5 : 321 };
			});

		const { node } = await run(seedParameters, items(payout, { ...payout, partner_id: 8 }), jsonrpc);

		expect(rpc).toHaveLength(3);
		expect(rpc[0]).toEqual({
			jsonrpc: '2.0',
			method: 'call',
			params: { service: 'common', method: 'login', args: ['musiccast', 'bot@musiccast.example', KEY] },
			id: 1,
		});
		expect((rpc[1].params as IDataObject).args).toEqual([
			'musiccast',
			5,
			KEY,
			'res.partner',
			'message_post',
			[[7]],
			{
				body: SUCCESS_HTML,
				body_is_html: true,
				message_type: 'comment',
				subtype_xmlid: 'mail.mt_comment',
				partner_ids: [7],
				author_id: 2,
				reply_to: '"Music Cast Support" <support@musiccast.example>',
			},
		]);
		expect(node[0].map((i) => i.json)).toEqual([
			{ messageId: 321, model: 'res.partner', recordId: 7, api: 'jsonrpc', outcome: 'success' },
			{ messageId: 321, model: 'res.partner', recordId: 8, api: 'jsonrpc', outcome: 'success' },
		]);
	});

	test('Odoo 16 gets no body_is_html (it takes HTML as is and refuses the argument); [id] of 18 is normalized too', async () => {
		const kwargs: IDataObject[] = [];
		nock(ODOO)
			.get('/web/version')
			.reply(404, 'not found')
			.post('/jsonrpc', (b) => b.params.service === 'common' && b.params.method === 'version')
			.reply(200, { jsonrpc: '2.0', id: 1, result: { server_version: '16.0', server_version_info: [16, 0, 0, 'final', 0, ''] } })
			.post('/jsonrpc', (b) => b.params.method === 'login')
			.reply(200, { jsonrpc: '2.0', id: 2, result: 5 })
			.post('/jsonrpc', (b) => b.params.method === 'execute_kw' && kwargs.push(b.params.args[6]) > 0)
			.reply(200, { jsonrpc: '2.0', id: 3, result: [55] });

		const { node } = await run(seedParameters, items(payout), jsonrpc);

		expect(kwargs[0]).not.toHaveProperty('body_is_html');
		expect(node[0][0].json.messageId).toBe(55);
	});

	test('a login that fails for a passing reason is not kept for the run: the next item logs in again', async () => {
		let logins = 0;
		nock(ODOO)
			.get('/web/version')
			.reply(200, version(17))
			.post('/jsonrpc', (b) => b.params.method === 'login')
			.times(2)
			.reply(() => (++logins === 1 ? [503, 'Service Unavailable'] : [200, { jsonrpc: '2.0', id: 1, result: 5 }]))
			.post('/jsonrpc', (b) => b.params.method === 'execute_kw')
			.times(2)
			.reply(200, (_u, b) => ({ jsonrpc: '2.0', id: 2, result: (b as { params: { args: unknown[][] } }).params.args[5][0] }));

		const { node } = await run(
			{ ...seedParameters, options: { ...(seedParameters.options as IDataObject), maxRetries: 0, concurrency: 1 } },
			items(payout, { ...payout, partner_id: 8 }, { ...payout, partner_id: 9 }),
			jsonrpc,
			'continueRegularOutput',
		);

		expect(logins).toBe(2);
		expect(node[0].map((i) => i.json.messageId ?? i.json.error)).toEqual(['Odoo is unavailable (HTTP 503)', 8, 9]);
	});

	test('items failing on one shared failure each get their own error, with their own index', async () => {
		nock(ODOO).get('/web/version').reply(200, version(17)).post('/jsonrpc').reply(200, { jsonrpc: '2.0', id: 1, result: false });

		const { node } = await run(seedParameters, items(payout, { ...payout, partner_id: 8 }, { ...payout, partner_id: 9 }), jsonrpc, 'continueErrorOutput');

		const errors = node[1].map((i) => i.error!);
		expect(errors.map((e) => e.message)).toEqual(Array(3).fill('Odoo refused the login "bot@musiccast.example" on database "musiccast"'));
		expect(errors.map((e) => e.context.itemIndex)).toEqual([0, 1, 2]);
		expect(new Set(errors).size).toBe(3);
	});

	test('a `false` login is an error that names the database and login, never the key', async () => {
		nock(ODOO).get('/web/version').reply(200, version(17)).post('/jsonrpc').reply(200, { jsonrpc: '2.0', id: 1, result: false });

		const { error } = await run(seedParameters, items(payout), jsonrpc);

		expect(error?.message).toBe('Odoo refused the login "bot@musiccast.example" on database "musiccast"');
		expect(JSON.stringify(error)).not.toContain(KEY);
	});

	test('an error inside HTTP 200 maps to the status it stands for, without the traceback', async () => {
		nock(ODOO)
			.get('/web/version')
			.reply(200, version(17))
			.post('/jsonrpc', (b) => b.params.method === 'login')
			.reply(200, { jsonrpc: '2.0', id: 1, result: 5 })
			.post('/jsonrpc')
			.reply(200, {
				jsonrpc: '2.0',
				id: 2,
				error: { code: 200, message: 'Odoo Server Error', data: { name: 'odoo.exceptions.MissingError', message: 'Record does not exist or has been deleted.', debug: 'Traceback (most recent call last): SECRET-TRACE' } },
			});

		const { error } = await run(seedParameters, items(payout), jsonrpc);

		expect(error?.message).toBe('Odoo has no such record, model or method: MissingError: Record does not exist or has been deleted.');
		expect(JSON.stringify(error)).not.toContain('SECRET-TRACE');
	});

	test('"Detect" picks JSON-2 on Odoo 19', async () => {
		nock(ODOO).get('/web/version').reply(200, version(19)).post('/json/2/res.partner/message_post').reply(200, [8]);

		const { node } = await run(seedParameters, items(payout), { payoutOdooApi: { ...json2.payoutOdooApi, apiType: 'auto' } });

		expect(node[0][0].json).toMatchObject({ messageId: 8, api: 'json2' });
	});
});

describe('API failures become NodeApiErrors that say what happened and how to fix it', () => {
	const odooError = (name: string, message: string) => ({ name, message, arguments: [message], context: {}, debug: `Traceback SECRET-TRACE ${KEY}` });
	const cases: Array<[number, unknown, string, string]> = [
		[401, odooError('odoo.exceptions.AccessDenied', 'Invalid apikey'), 'Odoo rejected the API key: it is invalid or expired', 'New API Key'],
		[403, odooError('odoo.exceptions.AccessError', 'You are not allowed to access Contact'), 'The Odoo user of this API key may not do this: AccessError: You are not allowed to access Contact', 'access rights to res.partner record 7'],
		[404, odooError('odoo.exceptions.MissingError', 'Record does not exist'), 'Odoo has no such record, model or method: MissingError: Record does not exist', 'inherits mail.thread'],
		[422, odooError('odoo.exceptions.UserError', 'The partner has no email'), 'Odoo refused the message: UserError: The partner has no email', 'correct what its message names'],
		[415, '<html>Unsupported Media Type</html>', 'Odoo refused the request\'s content type (HTTP 415)', 'URL'],
		[400, odooError('werkzeug.exceptions.BadRequest', 'Bad JSON'), 'Odoo could not read the request (HTTP 400): BadRequest: Bad JSON', 'proxies'],
		[500, odooError('builtins.ValueError', 'Expected singleton: res.partner()'), 'Odoo failed with a server error: ValueError: Expected singleton: res.partner()', 'record ID is wrong'],
	];

	test.each(cases)('HTTP %i', async (status, body, message, hint) => {
		const scope = nock(ODOO).post('/json/2/res.partner/message_post').reply(status, body as never);

		const { error } = await run(seedParameters, items(payout));

		expect(scope.isDone()).toBe(true);
		expect(error?.message).toBe(message);
		expect((error as { description?: string }).description).toContain(hint);
		expect(JSON.stringify(error)).not.toContain('SECRET-TRACE');
		expect(JSON.stringify(error)).not.toContain(KEY);
	});
});

describe('retries', () => {
	test('429 with Retry-After and 503 are retried; 409 (lock) too; then the message is posted once', async () => {
		const scope = nock(ODOO)
			.post('/json/2/res.partner/message_post')
			.reply(429, 'slow down', { 'Retry-After': '0' })
			.post('/json/2/res.partner/message_post')
			.reply(503, 'unavailable', { 'Retry-After': '0' })
			.post('/json/2/res.partner/message_post')
			.reply(409, { name: 'odoo.exceptions.LockError', message: 'locked' }, { 'Retry-After': '0' })
			.post('/json/2/res.partner/message_post')
			.reply(200, [9]);

		const { node } = await run(seedParameters, items(payout));

		expect(scope.isDone()).toBe(true);
		expect(node[0][0].json.messageId).toBe(9);
	});

	test('retries are bounded: after Max Retries the throttling is reported and nothing was posted', async () => {
		const scope = nock(ODOO).post('/json/2/res.partner/message_post').times(2).reply(429, {}, { 'Retry-After': '0' });

		const { error } = await run({ ...seedParameters, options: { maxRetries: 1 } }, items(payout));

		expect(scope.isDone()).toBe(true);
		expect(error?.message).toBe('Odoo is throttling requests (HTTP 429)');
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('a Retry-After longer than the longest wait is not waited for', async () => {
		nock(ODOO).post('/json/2/res.partner/message_post').once().reply(503, 'down', { 'Retry-After': '3600' });

		const started = Date.now();
		const { error } = await run(seedParameters, items(payout));

		expect(Date.now() - started).toBeLessThan(5000);
		expect(error?.message).toBe('Odoo is unavailable (HTTP 503)');
	});

	test('connection refused is retried (nothing reached Odoo), then reported as not sent', async () => {
		const port = await closedPort();

		const { node } = await run(seedParameters, items(payout), { payoutOdooApi: { ...json2.payoutOdooApi, url: `http://127.0.0.1:${port}` } }, 'continueErrorOutput');

		expect(node[1][0].json).toEqual({ error: 'Could not connect to Odoo: ECONNREFUSED' });
		expect(node[1][0].error?.context.delivery).toBe('not-sent');
	});

	test('a dropped connection is not retried and says the message may have been posted', async () => {
		const server = await dropServer();
		try {
			const { node } = await run(seedParameters, items(payout), { payoutOdooApi: { ...json2.payoutOdooApi, url: server.url } }, 'continueErrorOutput');

			expect(server.requests()).toBe(1);
			expect(node[0]).toEqual([]);
			expect(node[1]).toHaveLength(1);
			expect(node[1][0].json).toEqual({ error: 'No answer from Odoo (ECONNRESET): the message may have been sent' });
			expect(node[1][0].error?.context.delivery).toBe('unknown');
			expect(node[1][0].error?.description).toContain('It was not retried, to avoid a duplicate');
			expect(node[1][0].pairedItem).toEqual({ item: 0 });
		} finally {
			await server.close();
		}
	});

	test('a 504 from a gateway is not retried by default either', async () => {
		const scope = nock(ODOO).post('/json/2/res.partner/message_post').once().reply(504, 'Gateway Timeout');

		const { error } = await run(seedParameters, items(payout));

		expect(scope.isDone()).toBe(true);
		expect(error?.message).toBe('Odoo did not answer in time (HTTP 504 from a gateway): the message may have been sent');
	});

	test('with "Retry When Outcome Unknown" a dropped connection is retried (here: until the bound)', async () => {
		const server = await dropServer();
		try {
			const { error } = await run({ ...seedParameters, options: { retryAmbiguous: true, maxRetries: 2 } }, items(payout), {
				payoutOdooApi: { ...json2.payoutOdooApi, url: server.url },
			});

			expect(server.requests()).toBe(3);
			expect(error?.message).toBe('No answer from Odoo (ECONNRESET): the message may have been sent');
		} finally {
			await server.close();
		}
	});
});

describe('bad input is refused per item before anything is sent', () => {
	const RULE = 'must be a positive whole number written with digits only (at most 9007199254740991)';
	const bad: Array<[string, IDataObject, IDataObject, string]> = [
		['a record id that is not a number', { partner_id: 'abc' }, {}, `Record ID ${RULE}, not "abc"`],
		['a record id of 0', { partner_id: 0 }, {}, `Record ID ${RULE}, not "0"`],
		['a hexadecimal record id', { partner_id: '0x10' }, {}, `Record ID ${RULE}, not "0x10"`],
		['a signed record id', { partner_id: '+7' }, {}, `Record ID ${RULE}, not "+7"`],
		['an exponent record id', { partner_id: '1e3' }, {}, `Record ID ${RULE}, not "1e3"`],
		['a record id beyond exact integers', { partner_id: 1e21 }, {}, `Record ID ${RULE}, not "1e+21"`],
		['a digit string beyond exact integers', { partner_id: '9007199254740993' }, {}, `Record ID ${RULE}, not "9007199254740993"`],
		[
			'an Odoo many2one as record id',
			{ partner_id: [7, 'Ada Lovelace'] },
			{},
			`Record ID ${RULE}, not an array [7,"Ada Lovelace"]: it is an Odoo many2one pair, use its id, e.g. {{ $json.partner_id[0] }}`,
		],
		['a record id the expression does not find', { partner_id: undefined }, {}, `Record ID ${RULE}, not empty`],
		['a malformed model', {}, { model: 'Res Partner' }, 'The model must be a technical name such as res.partner or account.move'],
		['partner ids that are not integers', {}, { partnerIds: '3, x' }, `Each of Additional Partner IDs to Notify ${RULE}, not "x"`],
		['a payout link that is not http(s)', { payout_link: 'javascript:alert(1)' }, {}, 'Payout Link must be an http:// or https:// address, not "javascript:alert(1)"'],
		[
			'a payout link with a line break inside',
			{ payout_link: 'https://pay.example.com/a\nb' },
			{},
			'Payout Link must be an http:// or https:// address (it contains a space or a line break), not "https://pay.example.com/a\nb"',
		],
		['an empty value for a placeholder', { reference: ' ' }, {}, 'The success text uses {reference} but Reference is empty'],
		[
			'an object for a placeholder',
			{ amount: { value: 125.5 } },
			{},
			'Amount (for {amount}) must be text or a number, not an object {"value":125.5}. Pick the property you mean in the expression, e.g. {{ $json.amount.value }}',
		],
		[
			'an Odoo many2one for the currency',
			{ currency: [1, 'EUR'] },
			{},
			'Currency (for {currency}) must be text or a number, not an array [1,"EUR"]. It is an Odoo many2one pair [id, "name"]: use the name, e.g. {{ $json.currency_id[1] }}',
		],
		['an array for the date', { date: ['2026-11-22'] }, {}, 'Date (for {date}) must be text, a number or a date, not an array ["2026-11-22"]. Pick one element in the expression, e.g. {{ $json.date[0] }}'],
		['an empty custom body', {}, { messageSource: 'custom', body: '  ' }, 'The message body is empty'],
		['a custom body that is not text', { n: 5 }, { messageSource: 'custom', body: '={{ { text: "hi" } }}' }, 'Body must be text, not an object'],
		['a message type expression with a wrong value', {}, { messageType: '={{ "email" }}' }, 'Message Type must be one of "comment", "note", not "email"'],
	];

	test.each(bad)('%s', async (_name, itemOverride, parameterOverride, message) => {
		const { error, node } = await run({ ...seedParameters, ...parameterOverride }, items({ ...payout, ...itemOverride }));

		expect(error?.message).toBe(message);
		expect((error as { context?: IDataObject }).context?.itemIndex).toBe(0);
		expect(node).toEqual([]);
	});

	test('with "Continue" the bad item becomes an error item and the others are still posted', async () => {
		const scope = nock(ODOO).post('/json/2/res.partner/message_post').times(2).reply(200, (_u, b) => [(b as { ids: number[] }).ids[0] * 10]);

		const { node } = await run(seedParameters, items(payout, { ...payout, partner_id: -3 }, { ...payout, partner_id: 8 }), json2, 'continueRegularOutput');

		expect(scope.isDone()).toBe(true);
		expect(node[0].map((i) => [i.json.messageId ?? i.json.error, i.pairedItem])).toEqual([
			[70, { item: 0 }],
			['Record ID must be a positive whole number written with digits only (at most 9007199254740991), not "-3"', { item: 1 }],
			[80, { item: 2 }],
		]);
		expect(node[0][1].error?.context.delivery).toBe('not-sent');
	});

	test('with the error output the bad item goes there, paired with its input', async () => {
		nock(ODOO).post('/json/2/res.partner/message_post').reply(200, [70]);

		const { node } = await run(seedParameters, items(payout, { ...payout, payout_link: 'ftp://x' }), json2, 'continueErrorOutput');

		expect(node[0].map((i) => i.json.messageId)).toEqual([70]);
		expect(node[1].map((i) => [i.json.error, i.pairedItem])).toEqual([['Payout Link must be an http:// or https:// address, not "ftp://x"', { item: 1 }]]);
	});
});
