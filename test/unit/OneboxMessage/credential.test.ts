import type { IDataObject } from 'n8n-workflow';

import { OneboxApi } from '../../../credentials/OneboxApi.credentials';
import { LOGIN, PASSWORD, TOKEN } from './fixtures';

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
