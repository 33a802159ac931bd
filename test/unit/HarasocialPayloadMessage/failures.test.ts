import { jsonOf, runWorkflow } from '../../workflows/harness';
import { dropServer } from '../servers';
import { continueErrorOutput, credentials, expectNoToken, failureOf, harasocial, NODE, OK, runError, SEED, SEED_BODY, TOKEN, workflow } from './fixtures';

describe('Harasocial Payload Message', () => {
	test('a 200 with has_error true is a failure that shows Harasocial\'s code and message, and goes to the error output', async () => {
		const refusal = {
			data: { success: false },
			has_error: true,
			error_code: 'outside_messaging_window',
			error_message: '(#10) This message is sent outside of allowed window.',
		};
		harasocial([200, refusal], [200, OK]);
		const second = { ...SEED, psid: '2560816460648750' };

		const result = await runWorkflow(workflow([SEED, second], {}, continueErrorOutput), credentials);

		const [success, failed] = result.outputs[NODE];
		expect(jsonOf(success)).toEqual([expect.objectContaining({ accepted: true, recipientId: '2560816460648750' })]);
		expect(success[0].pairedItem).toEqual({ item: 1 });
		expect(failed).toHaveLength(1);
		expect(failed[0].pairedItem).toEqual({ item: 0 });
		const error = failureOf(failed[0]);
		expect(error.message).toBe('Harasocial refused the message: outside_messaging_window: (#10) This message is sent outside of allowed window.');
		expect(error.description).toContain('24 hours');
		expect(error.delivery).toBe('not-sent');
		expectNoToken(result);
	});

	test('a 200 with has_error true stops the run without "Continue", naming the item', async () => {
		harasocial([200, { data: null, has_error: true, error_code: 'invalid_payload', error_message: 'message.payload_id is unknown' }]);

		const result = await runWorkflow(workflow([SEED]), credentials);

		const error = runError(result);
		expect(error.message).toBe('Harasocial refused the message: invalid_payload: message.payload_id is unknown');
		expect(error.context?.itemIndex).toBe(0);
		expect(jsonOf(result.outputs[NODE]?.[0])).toEqual([]);
	});

	test.each([
		['an empty 200', ''],
		['a success flag without has_error', { data: { success: true } }],
		['has_error false without data.success', { has_error: false, data: { success: false } }],
		['an HTML page', '<html>login</html>'],
	])('%s is not taken for a success: the message may have been accepted', async (_what, body) => {
		harasocial([200, body]);

		const result = await runWorkflow(workflow([SEED], {}, continueErrorOutput), credentials);

		expect(result.outputs[NODE][0]).toEqual([]);
		const error = failureOf(result.outputs[NODE][1][0]);
		expect(error.message).toMatch(/^Harasocial's answer was not understood \(HTTP 200\)/);
		expect(error.description).toContain('may have been accepted');
		expect(error.delivery).toBe('unknown');
	});

	test.each([401, 403])('HTTP %i says the token is invalid or misses the social.conv scope, and how to fix it', async (status) => {
		const { seen } = harasocial([status, { data: null, has_error: true, error_code: 'unauthorized', error_message: 'The access token is invalid or has expired.' }]);

		const result = await runWorkflow(workflow([SEED]), credentials);

		expect(seen).toHaveLength(1);
		const error = runError(result);
		expect(error.message).toContain('invalid or missing the social.conv scope');
		expect(error.message).toContain('The access token is invalid or has expired.');
		expect(error.description).toContain('Haravan developer dashboard');
		expect(error.description).toContain('social.conv');
		expect(error.httpCode).toBe(String(status));
		expectNoToken(result);
	});

	test('a 429 with Retry-After: 0 is retried once and then succeeds', async () => {
		const { scope, seen } = harasocial(
			[429, { errors: 'Exceeded 4 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, { 'Retry-After': '0' }],
			[200, OK],
		);

		const result = await runWorkflow(workflow([SEED]), credentials);

		expect(scope.isDone()).toBe(true);
		expect(seen).toHaveLength(2);
		expect(seen[1].body).toEqual(SEED_BODY);
		expect(jsonOf(result.outputs[NODE][0])).toEqual([expect.objectContaining({ accepted: true })]);
	});

	test('a 503 that persists fails after the bounded retries (Max Retries 2: three requests)', async () => {
		const unavailable: [number, unknown, Record<string, string>] = [503, { data: null, has_error: true, error_code: 'internal_error', error_message: 'Service unavailable' }, { 'Retry-After': '0' }];
		const { scope, seen } = harasocial(unavailable, unavailable, unavailable, unavailable, unavailable);

		const result = await runWorkflow(workflow([SEED], { maxRetries: 2 }), credentials);

		expect(seen).toHaveLength(3);
		expect(scope.isDone()).toBe(false);
		const error = runError(result);
		expect(error.message).toBe('Harasocial is unavailable (HTTP 503): internal_error: Service unavailable');
		expect(error.description).toContain('Nothing was sent');
	});

	test('a 500 is not retried and may have been sent (Harasocial does not say it rolls back)', async () => {
		const failed: [number, unknown] = [500, { data: null, has_error: true, error_code: 'internal_error', error_message: 'Unexpected error' }];
		const { seen } = harasocial(failed, failed);

		const result = await runWorkflow(workflow([SEED], { maxRetries: 2 }), credentials);

		expect(seen).toHaveLength(1);
		const error = runError(result);
		expect(error.message).toBe('Harasocial failed with a server error (HTTP 500): internal_error: Unexpected error: the message may have been sent');
		expect((error as unknown as { context: { delivery: string } }).context.delivery).toBe('unknown');
	});

	test('a 502 is not retried either: a proxy answers it when the upstream dropped the received request', async () => {
		const { seen } = harasocial([502, '<html>Bad Gateway</html>'], [200, { data: { success: true }, has_error: false }]);

		const result = await runWorkflow(workflow([SEED], { maxRetries: 2 }), credentials);

		expect(seen).toHaveLength(1);
		expect(runError(result).message).toMatch(/^Harasocial's gateway lost the connection to the server \(HTTP 502\).*: the message may have been sent$/);
	});

	test('a dropped connection is not retried and says the message may have been sent', async () => {
		const server = await dropServer();
		try {
			const result = await runWorkflow(workflow([SEED], {}, continueErrorOutput), { harasocialApi: { accessToken: TOKEN, baseUrl: server.url } });

			expect(server.requests()).toBe(1);
			const error = failureOf(result.outputs[NODE][1][0]);
			expect(error.message).toBe('No answer from Harasocial (ECONNRESET): the message may have been sent');
			expect(error.description).toContain('may have been sent');
			expect(error.delivery).toBe('unknown');
			expectNoToken(result);
		} finally {
			await server.close();
		}
	});

	test('a token echoed back by the service never reaches the error', async () => {
		harasocial([401, { has_error: true, error_code: 'unauthorized', error_message: `Token ${TOKEN} has no social.conv scope` }]);

		const result = await runWorkflow(workflow([SEED], {}, continueErrorOutput), credentials);

		const error = failureOf(result.outputs[NODE][1][0]);
		expect(error.message).toContain('***');
		expectNoToken(result);
	});
});
