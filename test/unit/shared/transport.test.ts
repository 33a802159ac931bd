/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
/**
 * "Retry When Outcome Unknown": once a try may have reached the service, a later failure cannot
 * say "nothing was sent". Found by the fault benchmark: a message posted by a try whose answer was
 * lost, then retried into 429s, ended on the error output as "not sent".
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runSingleNode, singleNodeWorkflow } from '../../workflows/harness';

type Answer = 'drop' | [number, unknown, Record<string, string>?];

/** A real server answering each request with the next answer; 'drop' reads it and hangs up. */
async function scriptedServer(answers: Answer[]) {
	nock.enableNetConnect('127.0.0.1');
	let count = 0;
	const server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			const answer = answers[Math.min(count++, answers.length - 1)];
			if (answer === 'drop') {
				req.socket.destroy();
				return;
			}
			const [status, body, headers] = answer;
			res.writeHead(status, { 'content-type': 'application/json', ...headers });
			res.end(JSON.stringify(body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests: () => count,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

async function post(answers: Answer[], options: IDataObject) {
	const server = await scriptedServer(answers);
	try {
		const parameters = { recordId: { __rl: true, mode: 'id', value: '7' }, messageSource: 'custom', body: 'Hello', options: { maxRetries: 2, ...options } };
		const credentials = { payoutOdooApi: { url: server.url, apiKey: 'odoo-secret-key-123', apiType: 'json2', database: 'musiccast', login: '' } };
		const result = await runSingleNode(
			singleNodeWorkflow('odooMessagePost', parameters, [{ json: {} }], { credentialType: 'payoutOdooApi', onError: 'continueErrorOutput' }),
			credentials as never,
		);
		return { ...result, requests: server.requests() };
	} finally {
		await server.close();
	}
}

const THROTTLED: Answer = [429, { name: 'werkzeug.exceptions.TooManyRequests', message: 'Too many requests, slow down.' }, { 'retry-after': '0' }];
const REFUSED: Answer = [422, { name: 'odoo.exceptions.UserError', message: 'Partner 7 is archived' }];

afterAll(() => nock.enableNetConnect());

test('a dropped try, then 429s until the bound: "may have been sent", not "nothing was sent"', async () => {
	const { node, requests } = await post(['drop', THROTTLED], { retryAmbiguous: true });

	expect(requests).toBe(3);
	expect(node[1]).toHaveLength(1);
	expect(node[1][0].json.error).toBe(
		'No definite answer from Odoo: an earlier try failed after the request was sent (ECONNRESET), the last one got HTTP 429: the message may have been sent',
	);
	expect(node[1][0].error?.context.delivery).toBe('unknown');
});

test('a 504, then a refusal: "may have been sent"', async () => {
	const { node, requests } = await post([[504, 'Gateway Time-out'], REFUSED], { retryAmbiguous: true });

	expect(requests).toBe(2);
	expect(node[1][0].json.error).toContain('(HTTP 504), the last one got HTTP 422: the message may have been sent');
	expect(node[1][0].error?.context.delivery).toBe('unknown');
});

test('a dropped try, then success: posted (perhaps twice, which the option accepts)', async () => {
	const { node, requests } = await post(['drop', [200, [4242]]], { retryAmbiguous: true });

	expect(requests).toBe(2);
	expect(node[0][0].json.messageId).toBe(4242);
});

test('without an unknown outcome, 429s until the bound still mean nothing was sent', async () => {
	const { node, requests } = await post([THROTTLED], { retryAmbiguous: true });

	expect(requests).toBe(3);
	expect(node[1][0].json.error).toContain('throttling requests (HTTP 429)');
	expect(node[1][0].error?.context.delivery).toBe('not-sent');
});

test('by default a dropped try is not retried at all', async () => {
	const { node, requests } = await post(['drop', THROTTLED], {});

	expect(requests).toBe(1);
	expect(node[1][0].json.error).toBe('No answer from Odoo (ECONNRESET): the message may have been sent');
});
