// (c) of the benchmark: the same JSON-2 message_post calls from a plain Node `http` loop with a
// keep-alive agent, at a fixed number of requests in flight. The floor any n8n node is held to.
import http from 'node:http';

import { SANDBOX_SECRETS } from '../../sandbox/secrets.mjs';
import { messagePostBody } from './measure.mjs';

function post(agent, url, headers, body) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
				else resolve(JSON.parse(text));
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

/**
 * Posts one message per item with `concurrency` requests in flight; resolves to the message ids.
 * `keepAlive: false` opens a connection per request, as n8n's request helper does.
 */
export async function plainLoop(sandboxUrl, items, concurrency, { keepAlive = true } = {}) {
	const agent = new http.Agent({ keepAlive, maxSockets: concurrency });
	const url = new URL(`${sandboxUrl}/odoo/json/2/res.partner/message_post`);
	const headers = {
		authorization: `bearer ${SANDBOX_SECRETS.odoo.apiKey}`,
		'content-type': 'application/json',
		'x-odoo-database': SANDBOX_SECRETS.odoo.database,
		'user-agent': 'n8n-nodes-payout-notify',
	};
	const ids = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			const [id] = await post(agent, url, headers, messagePostBody(items[i]));
			ids[i] = id;
		}
	};
	try {
		await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	} finally {
		agent.destroy();
	}
	return ids;
}
