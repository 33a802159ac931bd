import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { needsLogin } from '../../../nodes/OneboxMessage/oneboxSession';
import { jsonOf, runSingleNode, singleNodeWorkflow } from '../../workflows/harness';
import { continueRegular, created, credentials, failures, FB_POST, HOST, jwt, LOGIN, loginApi, messageApi, PASSWORD, run, TOKEN } from './fixtures';

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
