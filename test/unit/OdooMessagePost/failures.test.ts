import nock from 'nock';

import { closedPort, dropServer } from '../servers';
import { items, json2, KEY, ODOO, payout, run, seedParameters } from './fixtures';

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
