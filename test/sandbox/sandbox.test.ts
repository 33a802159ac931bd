// Runs the sandbox as its CLI in a child process: the same entry point `npm start` and the
// integration tests use, and no ESM-from-CommonJS interop inside Jest.
import { startSandboxProcess } from '../sandboxProcess';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Reply = { status: number; headers: Headers; text: string; body: any };

let base = '';

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
	const init: RequestInit = { method, headers: { ...headers } };
	if (body !== undefined) {
		init.body = typeof body === 'string' ? body : JSON.stringify(body);
		init.headers = { 'content-type': 'application/json', ...headers };
	}
	const res = await fetch(base + path, init);
	const text = await res.text();
	let parsed: any;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: res.status, headers: res.headers, text, body: parsed };
}

const ODOO = { authorization: 'bearer sandbox-odoo-key' };
const json2 = (path: string, body: unknown, headers: Record<string, string> = ODOO) => call('POST', `/odoo/json/2/${path}`, body, headers);
const rpc = (prefix: string, service: string, method: string, args: unknown[]) =>
	call('POST', `${prefix}/jsonrpc`, { jsonrpc: '2.0', method: 'call', id: 9, params: { service, method, args } });
const stripe = (path: string, form: string, headers: Record<string, string> = {}) =>
	call('POST', `/stripe${path}`, form, { authorization: 'Bearer sk_test_sandbox', 'content-type': 'application/x-www-form-urlencoded', ...headers });
const state = async () => (await call('GET', '/_sandbox/state')).body;
const requests = async (query: string) => (await call('GET', `/_sandbox/requests?${query}`)).body.requests as any[];

let sandbox: Awaited<ReturnType<typeof startSandboxProcess>>;

beforeAll(async () => {
	sandbox = await startSandboxProcess(['--seed', '7']);
	base = sandbox.url;
});

afterAll(async () => {
	expect(await sandbox.stop()).toBe(0);
});

beforeEach(async () => {
	expect((await call('POST', '/_sandbox/reset', {})).status).toBe(200);
});

const SEED_BODY = {
	ids: [7],
	body: '<p>Your payment request RP-1 has been processed.</p><script>alert(1)</script>',
	subtype_xmlid: 'mail.mt_comment',
	partner_ids: [7],
	message_type: 'comment',
	author_id: 2,
	reply_to: '"Music Cast Support" <support@musiccast.test>',
	body_is_html: true,
};

describe('Odoo JSON-2', () => {
	test('message_post returns [id] and stores every keyword with the sanitized HTML', async () => {
		const r = await json2('res.partner/message_post', SEED_BODY);
		expect(r.status).toBe(200);
		expect(r.body).toEqual([1001]);
		const [m] = (await state()).odoo.messages;
		expect(m).toMatchObject({
			id: 1001, model: 'res.partner', res_id: 7, record_name: 'Ada Lovelace', author: { id: 2, name: 'Administrator' },
			transport: 'json2', version: 19, message_type: 'comment', subtype_xmlid: 'mail.mt_comment', partner_ids: [7],
			reply_to: '"Music Cast Support" <support@musiccast.test>', body: SEED_BODY.body,
			body_html: '<p>Your payment request RP-1 has been processed.</p>',
		});
		expect(m.date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	});

	test('ir.attachment unlink removes created attachments; ids that are gone are a MissingError', async () => {
		const created = await json2('ir.attachment/create', { vals_list: [{ name: 'a.csv', datas: 'YQ==', res_model: 'res.partner', res_id: 7 }] });
		expect(created.body).toEqual([501]);
		expect((await json2('ir.attachment/unlink', { ids: [501] })).body).toBe(true);
		expect((await state()).odoo.attachments).toEqual([]);
		const again = await json2('ir.attachment/unlink', { ids: [501] });
		expect(again.status).toBe(404);
		expect(again.body.name).toBe('odoo.exceptions.MissingError');
	});

	test('a plain-text body is escaped, as Odoo 17+ does', async () => {
		await json2('account.move/message_post', { ids: [], body: 'x' }).then((r) => expect(r.status).toBe(500));
		await json2('res.partner/message_post', { ids: [8], body: 'a <b> & c' });
		expect((await state()).odoo.messages[0]).toMatchObject({ body_html: 'a &lt;b&gt; &amp; c', message_type: 'notification', subtype_xmlid: 'mail.mt_note' });
	});

	test('401 with the error shape and WWW-Authenticate of a real Odoo 19.0, whatever the key problem', async () => {
		const cases: Array<[Record<string, string>, string]> = [
			[{ authorization: 'Bearer wrong' }, 'Invalid apikey'],
			[{}, 'User not authenticated, use an API Key with a Bearer Authorization header.'],
		];
		for (const [headers, message] of cases) {
			const r = await json2('res.users/context_get', {}, headers);
			expect(r.status).toBe(401);
			expect(r.headers.get('www-authenticate')).toBe('Bearer ');
			expect(r.body).toMatchObject({ name: 'werkzeug.exceptions.Unauthorized', message, arguments: [message, 401], context: {} });
			expect(r.body.debug).toMatch(/^Traceback \(most recent call last\):\n[\s\S]+Unauthorized: /);
		}
		const ok = await json2('res.users/context_get', {}, { authorization: 'BEARER sandbox-odoo-key', 'x-odoo-database': 'sandbox' });
		expect(ok.body).toEqual({ lang: 'en_US', tz: 'Europe/Brussels', uid: 2 });
	});

	test('404 for unknown models, missing records, GET and unknown databases', async () => {
		expect((await json2('res.nothing/read', { ids: [1] })).body).toMatchObject({ name: 'werkzeug.exceptions.NotFound', message: "the model 'res.nothing' does not exist" });
		const missing = await json2('res.partner/message_post', { ids: [99], body: 'x' });
		expect(missing.status).toBe(404);
		expect(missing.body.message).toBe('Record does not exist or has been deleted.\n(Record: res.partner(99,), User: 2)');
		const get = await call('GET', '/odoo/json/2/res.partner/message_post', undefined, ODOO);
		expect(get.status).toBe(404);
		expect(get.body.message).toContain('Did you mean POST /json/2/res.partner/message_post?');
		// An unknown database: Odoo's HTML page, before it looks at the key (real Odoo 19.0).
		const unknownDb = await json2('res.users/context_get', {}, { ...ODOO, 'x-odoo-database': 'prod' });
		expect([unknownDb.status, unknownDb.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
		expect(unknownDb.text).toContain('No database is selected and the requested URL was not found in the server-wide controllers.');
	});

	test('415 is HTML, not the JSON shape; a non-object body is 400', async () => {
		const r = await call('POST', '/odoo/json/2/res.users/context_get', '{}', { ...ODOO, 'content-type': 'text/plain' });
		expect(r.status).toBe(415);
		expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(r.text).toContain('<title>415 Unsupported Media Type</title>');
		expect((await json2('res.users/context_get', '[1]')).status).toBe(400);
		expect((await json2('res.users/context_get', '{nope')).status).toBe(400);
	});

	test('422 for bad arguments and business errors, 500 for the singleton check', async () => {
		const cases: Array<[string, unknown, number, string, string]> = [
			// As a real Odoo 19.0 answers: methods taking **kwargs fail inside (500), others at JSON-2's own check (422).
			['res.partner/message_post', { ids: [7], body: 'x', foo: 1 }, 500, 'builtins.ValueError', 'Those values are not supported when posting or notifying: foo'],
			['res.partner/search_read', { domain: [], foo: 1 }, 500, 'builtins.TypeError', "BaseModel._read_format() got an unexpected keyword argument 'foo'"],
			['account.move/create', { vals_list: [], foo: 1 }, 422, 'werkzeug.exceptions.UnprocessableEntity', "got an unexpected keyword argument 'foo'"],
			['res.partner/search_count', {}, 422, 'werkzeug.exceptions.UnprocessableEntity', "missing a required argument: 'domain'"],
			['res.partner/search_read', { ids: [2] }, 422, 'werkzeug.exceptions.UnprocessableEntity', 'cannot call res.partner.search_read with ids'],
			['res.partner/_read_format', { ids: [7] }, 403, 'odoo.exceptions.AccessError', "Private methods (such as 'res.partner._read_format') cannot be called remotely."],
			['res.partner/message_post', { ids: [7], body: 'x', message_type: 'user_notification' }, 422, 'odoo.exceptions.UserError', 'Posting a message should be done on a business document. Use message_notify to send a notification to an user.'],
			['res.partner/message_post', { ids: [7], body: 'x', partner_ids: [[4, 7]] }, 422, 'odoo.exceptions.UserError', 'message_post partner_ids must be a list of integers (ids), not commands or object.'],
			['res.partner/message_post', { ids: [7, 8], body: 'x' }, 500, 'builtins.ValueError', 'Expected singleton: res.partner(7, 8)'],
			['account.move/create', { vals_list: [{ line_ids: [[0, 0, { account_id: 1, debit: 10 }], [0, 0, { account_id: 2, credit: 9.99 }]] }] }, 422, 'odoo.exceptions.ValidationError', 'The entry is not balanced.\nThe total of debits equals 10.00 and the total of credits equals 9.99.'],
		];
		for (const [path, body, status, name, message] of cases) {
			const r = await json2(path, body);
			expect([path, r.status, r.body.name, r.body.message]).toEqual([path, status, name, message]);
			expect(r.body.debug).toContain('Traceback');
		}
		expect((await state()).odoo.messages).toEqual([]);
	});

	test('journal entry: create, post, refuse a second post; search_read and name_search', async () => {
		const lines = [[0, 0, { account_id: 1, partner_id: 7, debit: 12.5 }], [0, 0, { account_id: 2, credit: 12.5 }]];
		const created = await json2('account.move/create', { vals_list: [{ move_type: 'entry', journal_id: 1, date: '2025-03-01', ref: 'tr_X', line_ids: lines }] });
		expect(created.body).toEqual([101]);
		// Real Odoo 19.0 answers action_post with false, and a second post with a UserError.
		expect((await json2('account.move/action_post', { ids: [101] })).body).toBe(false);
		const again = await json2('account.move/action_post', { ids: [101] });
		expect([again.status, again.body.name, again.body.message]).toEqual([422, 'odoo.exceptions.UserError', 'The entry MISC/2025/03/0001 (id 101) must be in draft.']);
		const found = await json2('account.move/search_read', { domain: [['ref', '=', 'tr_X']], fields: ['name', 'state', 'journal_id', 'amount_total'] });
		expect(found.body).toEqual([{ id: 101, name: 'MISC/2025/03/0001', state: 'posted', journal_id: [1, 'Miscellaneous Operations'], amount_total: 12.5 }]);
		const partners = await json2('res.partner/search_read', { domain: [['ref', 'in', ['RH-0007', 'RH-0009']], ['name', 'ilike', 'ada']], fields: ['name', 'x_payout_account'], limit: 5 });
		expect(partners.body).toEqual([{ id: 7, name: 'Ada Lovelace', x_payout_account: 'acct_1AdaLovelace' }]);
		expect((await json2('res.partner/name_search', { name: 'hopper', limit: 5 })).body).toEqual([[8, 'Grace Hopper']]);
	});
});

describe('Odoo JSON-RPC', () => {
	test('login answers the uid, or false (not an error) for bad credentials', async () => {
		expect((await rpc('/odoo', 'common', 'login', ['sandbox', 'admin', 'sandbox-odoo-key'])).body).toEqual({ jsonrpc: '2.0', id: 9, result: 2 });
		expect((await rpc('/odoo', 'common', 'login', ['sandbox', 'admin', 'nope'])).body).toEqual({ jsonrpc: '2.0', id: 9, result: false });
	});

	test('errors come with HTTP 200 and the error envelope', async () => {
		const r = await rpc('/odoo', 'object', 'execute_kw', ['sandbox', 2, 'nope', 'res.partner', 'read', [[7]], {}]);
		expect(r.status).toBe(200);
		expect(r.body.error).toMatchObject({ code: 0, message: 'Odoo Server Error', data: { name: 'odoo.exceptions.AccessDenied', message: 'Access Denied', arguments: ['Access Denied'], context: {} } });
		expect(r.body.error.data.debug).toContain('Traceback');
	});

	test('an unknown model or method: as a real Odoo 19.0 answers execute_kw', async () => {
		const kw = (model: string, method: string) => ['sandbox', 2, 'sandbox-odoo-key', model, method, [[]], {}];
		expect((await rpc('/odoo', 'object', 'execute_kw', kw('res.partnerx', 'search'))).body.error.data).toMatchObject({
			name: 'odoo.exceptions.UserError',
			message: "Object res.partnerx doesn't exist",
		});
		expect((await rpc('/odoo', 'object', 'execute_kw', kw('res.partner', 'nope_method'))).body.error.data).toMatchObject({
			name: 'builtins.AttributeError',
			message: "The method 'res.partner.nope_method' does not exist or is not available in the sandbox.",
		});
	});

	test('message_post: [id] on Odoo 19, a bare id on /odoo17, which refuses JSON-2', async () => {
		const args = (id: number) => ['sandbox', 2, 'sandbox-odoo-key', 'res.partner', 'message_post', [[id]], { body: 'hi', message_type: 'comment' }];
		expect((await rpc('/odoo', 'object', 'execute_kw', args(7))).body.result).toEqual([1001]);
		expect((await rpc('/odoo17', 'object', 'execute_kw', args(8))).body.result).toBe(1002);
		// Odoo 17 has no /web/version; common.version tells its version.
		expect((await call('GET', '/odoo17/web/version')).status).toBe(404);
		expect((await rpc('/odoo17', 'common', 'version', [])).body.result).toMatchObject({ server_version: '17.0', server_version_info: [17, 0, 0, 'final', 0, ''] });
		expect((await rpc('/odoo17', 'object', 'execute_kw', ['sandbox', 2, 'nope', 'res.partner', 'read', [[7]], {}])).body.error.code).toBe(200);
		const j2 = await call('POST', '/odoo17/json/2/res.partner/message_post', { ids: [7] }, ODOO);
		expect([j2.status, j2.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
		expect((await state()).odoo.messages.map((m: any) => [m.res_id, m.version, m.transport])).toEqual([[7, 19, 'jsonrpc'], [8, 17, 'jsonrpc']]);
	});
});

describe('Odoo flavours', () => {
	test('Odoo Online: SaaS version strings, JSON-2 with the key alone', async () => {
		expect((await call('GET', '/odoo-online/web/version')).body).toEqual({ version_info: ['saas~19', 1, 0, 'final', 0, 'e'], version: 'saas~19.1+e' });
		const r = await call('POST', '/odoo-online/json/2/res.users/context_get', {}, { authorization: ODOO.authorization, 'content-type': 'application/json' });
		expect([r.status, r.body]).toEqual([200, { lang: 'en_US', tz: 'Europe/Brussels', uid: 2 }]);
	});

	test('several databases: JSON-2 without X-Odoo-Database is Odoo\'s HTML 404; with it, it works', async () => {
		const headers = { authorization: ODOO.authorization, 'content-type': 'application/json' };
		const without = await call('POST', '/odoo-multi/json/2/res.users/context_get', {}, headers);
		expect([without.status, without.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
		expect(without.text).toContain('No database is selected');
		expect((await call('POST', '/odoo-multi/json/2/res.users/context_get', {}, { ...headers, 'x-odoo-database': 'sandbox' })).status).toBe(200);
		expect((await rpc('/odoo-multi', 'db', 'list', [])).body.result).toEqual(['sandbox', 'sandbox-archive']);
	});

	test('a draft in an inactive currency is created but not posted (real Odoo 19.0)', async () => {
		const line = (amount: number) => [0, 0, { account_id: 1, currency_id: 30, amount_currency: amount }];
		const created = await json2('account.move/create', { vals_list: [{ ref: 'KWD-1', currency_id: 30, line_ids: [line(1.5), line(-1.5)] }] });
		const posted = await json2('account.move/action_post', { ids: created.body });
		expect([posted.status, posted.body.message]).toEqual([422, 'You cannot validate a document with an inactive currency: KWD']);
		const found = await json2('account.move/search_read', { domain: [['ref', '=', 'KWD-1']], fields: ['state', 'currency_id', 'amount_total'] });
		expect(found.body).toEqual([{ id: created.body[0], state: 'draft', currency_id: [30, 'KWD'], amount_total: 1.5 }]);
	});

	test('JSON-RPC create needs vals_list positionally (a keyword leaves execute_kw no argument)', async () => {
		const kw = await rpc('/odoo', 'object', 'execute_kw', ['sandbox', 2, 'sandbox-odoo-key', 'account.move', 'create', [], { vals_list: [{ ref: 'x' }] }]);
		expect(kw.body.error.data).toMatchObject({ name: 'builtins.IndexError', message: 'list index out of range' });
		const positional = await rpc('/odoo', 'object', 'execute_kw', ['sandbox', 2, 'sandbox-odoo-key', 'account.move', 'create', [[{ ref: 'x' }]], {}]);
		expect(positional.body.result).toEqual([101]);
	});
});

describe('Stripe', () => {
	const form = 'amount=1250&currency=eur&destination=acct_1AdaLovelace&transfer_group=RP-1&metadata[ref]=RP-1';

	test('same Idempotency-Key and params replay; different params are an idempotency_error', async () => {
		const first = await stripe('/v1/transfers', form, { 'idempotency-key': 'payout-RP-1' });
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ object: 'transfer', amount: 1250, currency: 'eur', destination: 'acct_1AdaLovelace', transfer_group: 'RP-1', metadata: { ref: 'RP-1' } });
		expect(first.body.id).toMatch(/^tr_1[0-9A-Za-z]{24}$/);
		expect(first.headers.get('idempotent-replayed')).toBeNull();
		const reordered = 'metadata[ref]=RP-1&transfer_group=RP-1&destination=acct_1AdaLovelace&currency=eur&amount=1250';
		const replay = await stripe('/v1/transfers', reordered, { 'idempotency-key': 'payout-RP-1' });
		expect([replay.status, replay.headers.get('idempotent-replayed'), replay.body.id]).toEqual([200, 'true', first.body.id]);
		const mismatch = await stripe('/v1/transfers', form.replace('1250', '1251'), { 'idempotency-key': 'payout-RP-1' });
		expect(mismatch.status).toBe(400);
		expect(mismatch.body.error.type).toBe('idempotency_error');
		expect((await state()).stripe.transfers.map((t: any) => t.id)).toEqual([first.body.id]);
	});

	test('bad key is masked, unknown destination is resource_missing, payouts need nothing more', async () => {
		const bad = await stripe('/v1/transfers', form, { authorization: 'Bearer sk_test_leakedSecret123' });
		expect([bad.status, bad.body.error.message]).toEqual([401, 'Invalid API Key provided: sk_test_****']);
		expect(bad.text).not.toContain('leakedSecret');
		const dest = await stripe('/v1/transfers', 'amount=5&currency=eur&destination=acct_9nobody');
		expect([dest.status, dest.body.error.code, dest.body.error.param, dest.body.error.message]).toEqual([400, 'resource_missing', 'destination', "No such destination: 'acct_9nobody'"]);
		const payout = await stripe('/v1/payouts', 'amount=1250&currency=eur', { 'stripe-account': 'acct_1AdaLovelace' });
		expect(payout.body).toMatchObject({ object: 'payout', status: 'pending', amount: 1250, currency: 'eur' });
		expect((await state()).stripe.payouts[0]).toMatchObject({ id: payout.body.id, stripe_account: 'acct_1AdaLovelace' });
	});

	test('fail-step "transfer" answers balance_insufficient', async () => {
		await call('POST', '/_sandbox/fail-step', { step: 'transfer' });
		const r = await stripe('/v1/transfers', form);
		expect([r.status, r.body.error.type, r.body.error.code]).toEqual([402, 'invalid_request_error', 'balance_insufficient']);
		expect((await state()).stripe.transfers).toEqual([]);
	});
});

describe('Harasocial', () => {
	const H = { authorization: 'Bearer sandbox-harasocial-token', 'content-type': 'application/json-patch+json' };
	const msg = { messaging_type: 'harasocial_facebook_payload_id', recipient: { id: '2560816460648749' }, message: { payload_id: '__hrf_f_6307' }, page_id: '500725830264749', metadata: 'RP-1' };
	const send = (body: unknown, headers = H) => call('POST', '/harasocial/social/messages.json', body, headers);

	test('accepted, invalid and outside-window messages; only the first is recorded', async () => {
		expect((await send(msg)).body).toEqual({ data: { success: true }, has_error: false, error_code: null, error_message: null });
		const invalid = await send({ ...msg, metadata: 'x'.repeat(501) });
		expect(invalid.status).toBe(200);
		expect(invalid.body).toEqual({ data: { success: false }, has_error: true, error_code: 'invalid_payload', error_message: 'metadata must be at most 500 characters (got 501).' });
		const late = await send({ ...msg, page_id: '000' });
		expect([late.status, late.body.has_error, late.body.error_code]).toEqual([200, true, 'outside_messaging_window']);
		const unauth = await send(msg, { ...H, authorization: 'Bearer nope' });
		expect([unauth.status, unauth.body.data, unauth.body.has_error, unauth.body.error_code]).toEqual([401, null, true, 'unauthorized']);
		expect((await state()).harasocial.messages).toMatchObject([{ id: 1, page_id: '500725830264749', recipient_id: '2560816460648749', payload_id: '__hrf_f_6307', metadata: 'RP-1' }]);
	});
});

describe('Onebox', () => {
	const login = () => call('POST', '/onebox/api/authenticate', { email: 'operator@sandbox.test', password: 'sandbox-password', siteId: 169 });
	const email = { ConnectionId: 572, Subject: 'Payout', From: 'support@onebox.test', To: 'ada@example.com', Users: [{ IdentityId: 'support@onebox.test', Name: 'Onebox', RoleId: 'MSR1' }, { IdentityId: 'ada@example.com', Name: 'Ada', RoleId: 'MSR2' }], Content: { Body: '<p>Hi</p>', BodyText: 'Hi', ContentType: 'text/html', Encoding: 'UTF-8' } };
	const send = (token: string, body: unknown = email) => call('POST', '/onebox/api/message', body, { authorization: `Bearer ${token}` });
	const err = (status: number, userMessage: string) => ({ _meta: { status: 'ERROR', count: 1 }, records: { errorCode: status, userMessage, devMessage: null, more: null, applicationCode: null } });

	test('login issues a 15-minute JWT; a bad login is 401', async () => {
		const r = await login();
		expect(r.body).toMatchObject({ response_code: '200', response_status: 'Success' });
		const payload = JSON.parse(Buffer.from(r.body.token.split('.')[1], 'base64url').toString());
		expect([payload.exp - payload.iat, payload.siteId, payload.email]).toEqual([900, '169', 'operator@sandbox.test']);
		const bad = await call('POST', '/onebox/api/authenticate', { email: 'operator@sandbox.test', password: 'x', siteId: '169' });
		expect([bad.status, bad.body]).toEqual([401, { _meta: { status: 'ERROR', count: 1 }, records: { errorCode: 401, userMessage: 'Invalid email or password', devMessage: null, more: null, applicationCode: null } }]);
	});

	test('send, read back, validation 400, then "Expired token" once the clock passes exp', async () => {
		const { token } = (await login()).body;
		const sent = await send(token);
		expect(sent.body).toMatchObject({ limit: '1', offset: 0, count: 1, total: 1, data: [{ Id: '75703', SiteId: '169', ConnectionId: '572', MediaId: 'EMAIL', MethodId: null, StatusId: 'MSS1', To: 'ada@example.com' }] });
		expect((await call('GET', '/onebox/api/message/75703', undefined, { authorization: `Bearer ${token}` })).body.data[0].Subject).toBe('Payout');
		const noRecipient = await send(token, { ...email, Users: [email.Users[0]] });
		expect([noRecipient.status, noRecipient.body]).toEqual([400, err(400, 'Users must contain at least one recipient (RoleId MSR2)')]);
		expect((await send('not-a-jwt')).body).toEqual(err(401, 'Invalid token'));
		// iat is whole seconds: stay a full second short of exp whatever the sub-second time of the login.
		await call('POST', '/_sandbox/clock', { advanceSeconds: 898 });
		expect((await send(token)).status).toBe(200);
		await call('POST', '/_sandbox/clock', { advanceSeconds: 3 });
		const expired = await send(token);
		expect([expired.status, expired.body]).toEqual([401, err(401, 'Expired token')]);
	});

	test('quota window and a passed-through third-party error', async () => {
		const { token } = (await login()).body;
		await call('POST', '/_sandbox/onebox-mode', { quota: true });
		const quota = await send(token);
		expect([quota.status, quota.body.records.userMessage]).toEqual([401, 'time limit reached please try again tomorrow at 18:00 - 06:00']);
		await call('POST', '/_sandbox/onebox-mode', { quota: false, thirdPartyError: true });
		const third = await send(token);
		expect([third.status, third.body]).toEqual([200, { error: 'Facebook API error: (#10) This message is sent outside of allowed window' }]);
		expect((await state()).onebox.messages).toEqual([]);
	});
});

describe('faults, request log and page', () => {
	test('a 429 with Retry-After answers before the work, then the rule is used up', async () => {
		await call('POST', '/_sandbox/faults', { rules: [{ service: 'odoo', pathIncludes: 'message_post', status: 429, retryAfter: 7, times: 1 }] });
		const limited = await json2('res.partner/message_post', { ids: [7], body: 'x' });
		expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
		expect((await state()).odoo.messages).toEqual([]);
		expect((await json2('res.partner/message_post', { ids: [7], body: 'x' })).body).toEqual([1001]);
		expect((await requests('service=odoo')).map((e) => e.status)).toEqual([429, 200]);
		expect((await call('GET', '/_sandbox/faults')).body.rules[0]).toMatchObject({ fired: 1, times: 1 });
	});

	test('drop "after" posts the message, then breaks the connection', async () => {
		await call('POST', '/_sandbox/faults', { rules: [{ service: 'odoo', method: 'post', drop: 'after' }] });
		await expect(json2('res.partner/message_post', { ids: [7], body: 'x' })).rejects.toThrow('fetch failed');
		expect((await state()).odoo.messages.map((m: any) => m.id)).toEqual([1001]);
		expect(await requests('service=odoo')).toMatchObject([{ status: null, dropped: 'after', fault: 0 }]);
	});

	test('the log redacts credentials and filters by service and seq', async () => {
		await json2('res.users/context_get', {});
		await rpc('/odoo', 'common', 'login', ['sandbox', 'admin', 'sandbox-odoo-key']);
		await call('POST', '/onebox/api/authenticate', { email: 'operator@sandbox.test', password: 'sandbox-password', siteId: '169' });
		const odoo = await requests('service=odoo');
		expect(odoo.map((e) => [e.method, e.path, e.status])).toEqual([['POST', '/odoo/json/2/res.users/context_get', 200], ['POST', '/odoo/jsonrpc', 200]]);
		expect(odoo[0].headers.authorization).toBe('bearer ***');
		expect(odoo[1].body.params.args).toEqual(['sandbox', 'admin', '***']);
		const [onebox] = await requests(`service=onebox&since=${odoo[1].seq}`);
		expect(onebox.body).toEqual({ email: 'operator@sandbox.test', password: '***', siteId: '169' });
		const everything = JSON.stringify((await call('GET', '/_sandbox/requests')).body);
		expect(everything).not.toContain('sandbox-odoo-key');
		expect(everything).not.toContain('sandbox-password');
	});

	test('the status page refreshes and never lets a script through', async () => {
		await json2('res.partner/message_post', { ids: [7], subject: '<img src=x onerror=alert(1)>', body: '<b>ok</b><script>alert(2)</script>', body_is_html: true });
		const page = await call('GET', '/');
		expect(page.text).toContain('<meta http-equiv="refresh" content="3">');
		expect(page.text).toContain('<div class="body"><b>ok</b></div>');
		expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(page.text).not.toMatch(/<script|<img/);
	});
});
