/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
/**
 * The Harasocial API credential. Its test reads Harasocial's envelope: a 2xx says nothing by
 * itself (every refusal is HTTP 200 with has_error true), and the server's words never carry the
 * token back.
 */
import { CredentialTestContext } from 'n8n-core';
import nock from 'nock';

import { HarasocialApi } from '../../../credentials/HarasocialApi.credentials';
import { testHarasocialCredential } from '../../../nodes/HarasocialPayloadMessage/methods';

const BASE = 'https://harasocial.test';
const TOKEN = 'hs-secret-token-987';

const credentialTest = () =>
	testHarasocialCredential.call(new CredentialTestContext(), { id: '1', name: 'Harasocial', type: 'harasocialApi', data: { accessToken: TOKEN, baseUrl: BASE } });

const answer = (status: number, body: unknown) => nock(BASE).post('/social/messages.json').reply(status, body as never);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

test('a validation refusal of the empty test message (has_error true) means the token works', async () => {
	answer(200, { data: { success: false }, has_error: true, error_code: 'invalid_payload', error_message: 'page_id is required.' });
	expect(await credentialTest()).toEqual({ status: 'OK', message: 'Harasocial accepted the access token' });
});

test('HTTP 200 whose envelope refuses the token is an error, not a pass', async () => {
	answer(200, { data: null, has_error: true, error_code: 'unauthorized', error_message: `Token ${TOKEN} is invalid or has expired.` });
	const result = await credentialTest();
	expect(result.status).toBe('Error');
	expect(result.message).toContain('Harasocial refused the access token');
	expect(result.message).toContain('unauthorized: Token *** is invalid or has expired.');
	expect(result.message).not.toContain(TOKEN);
});

test('a 2xx that is not Harasocial\'s envelope (e.g. a web page at the URL) is an error naming the URL', async () => {
	answer(200, '<html><body>Welcome to nginx</body></html>');
	const result = await credentialTest();
	expect(result).toEqual({
		status: 'Error',
		message: `${BASE} answered HTTP 200 but not with Harasocial's {"has_error": ...} envelope. Check the API Base URL: https://apis.harasocial.com, without a path.`,
	});
});

test('another status shows Harasocial\'s words with the token redacted', async () => {
	answer(500, { data: null, has_error: true, error_code: 'internal_error', error_message: `failed for bearer ${TOKEN}` });
	const result = await credentialTest();
	expect(result.status).toBe('Error');
	expect(result.message).toContain('Harasocial answered HTTP 500 (internal_error: failed for bearer ***)');
	expect(result.message).not.toContain(TOKEN);
});

describe('Harasocial API credential', () => {
	const credential = new HarasocialApi();

	test('authenticates with a bearer header and keeps the token a password field', () => {
		expect(credential.authenticate).toEqual({ type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } } });
		expect(credential.properties.find((p) => p.name === 'accessToken')?.typeOptions).toEqual({ password: true });
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://apis.harasocial.com');
	});

});
