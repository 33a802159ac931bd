/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';

/**
 * Real sockets for the failures nock cannot fake for n8n's HTTP client: a server that reads the
 * request and then drops the connection without answering (the request may have been processed).
 */
export async function dropServer(options: { thenAnswer?: { afterDrops: number; json: unknown } } = {}) {
	nock.enableNetConnect('127.0.0.1');
	let count = 0;
	const server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			count++;
			const answer = options.thenAnswer;
			if (answer && count > answer.afterDrops) {
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
				return;
			}
			req.socket.destroy();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests: () => count,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** A port on 127.0.0.1 that nothing listens on, so connecting is refused. */
export async function closedPort(): Promise<number> {
	nock.enableNetConnect('127.0.0.1');
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}
