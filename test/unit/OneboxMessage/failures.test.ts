/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { jsonOf } from '../../workflows/harness';
import { closedPort, dropServer } from '../servers';
import { continueRegular, created, failures, FB_POST, HOST, loginApi, messageApi, PASSWORD, run, TOKEN } from './fixtures';

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
