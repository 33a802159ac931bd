/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
/**
 * n8n's "Retry On Fail" runs the whole node again in the same execution. Found in a real n8n: four
 * items, the third for a record that does not exist, 3 tries -> the three good records got the
 * message three times. Delivered items must come back from the earlier try, not be sent again.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { closeRun, openRun, RUN_MEMORY_MAX, RUN_MEMORY_TTL_MS, runMemorySize } from '../../../nodes/shared/runMemory';
import { runSingleNode, singleNodeWorkflow } from '../../workflows/harness';

type Reply = 'ok' | 'missing' | 'drop';

/** A JSON-2 Odoo that posts on every record but those told otherwise, and logs each message_post. */
async function odoo(replies: Record<number, Reply>) {
	nock.enableNetConnect('127.0.0.1');
	const posts: number[] = [];
	let nextId = 100;
	const server = createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const body = JSON.parse(raw || '{}') as { ids?: number[] };
			const id = body.ids?.[0] ?? 0;
			posts.push(id);
			const reply = replies[id] ?? 'ok';
			if (reply === 'drop') {
				req.socket.destroy();
				return;
			}
			if (reply === 'missing') {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ name: 'odoo.exceptions.MissingError', message: `Record does not exist (res.partner(${id},))` }));
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify([nextId++]));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		posts,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const items = (ids: number[]): INodeExecutionData[] => ids.map((id) => ({ json: { partner: id } }));

async function run(replies: Record<number, Reply>, ids: number[], setup: { onError?: 'continueErrorOutput' | 'continueRegularOutput'; options?: IDataObject }) {
	const server = await odoo(replies);
	try {
		const parameters = {
			recordId: { __rl: true, mode: 'id', value: '={{ $json.partner }}' },
			messageSource: 'custom',
			body: 'Hello',
			options: { maxRetries: 0, ...setup.options },
		};
		const credentials = { payoutOdooApi: { url: server.url, apiKey: 'odoo-secret-key-123', apiType: 'json2', database: '', login: '' } };
		const result = await runSingleNode(
			singleNodeWorkflow('odooMessagePost', parameters, items(ids), { credentialType: 'payoutOdooApi', retryTries: 3, onError: setup.onError }),
			credentials as never,
		);
		return { ...result, posts: [...server.posts] };
	} finally {
		await server.close();
	}
}

const count = (list: number[], id: number) => list.filter((x) => x === id).length;

afterAll(() => nock.enableNetConnect());

test('Retry On Fail, node stops: each good item is posted once, the failing one 3 times, and the error lists what was delivered', async () => {
	const { posts, error, run: execution } = await run({ 13: 'missing' }, [11, 12, 13, 14], {});
	expect(count(posts, 11)).toBe(1);
	expect(count(posts, 12)).toBe(1);
	expect(count(posts, 14)).toBe(1);
	expect(count(posts, 13)).toBe(3);
	expect(posts).toHaveLength(6);
	expect(error?.message).toMatch(/no such record/);
	expect(error?.description).toContain('Items delivered before the node stopped: 1, 2 and 4 (of 4, counting from 1)');
	expect((error as unknown as { context: IDataObject }).context.deliveredItems).toEqual([0, 1, 3]);
	expect(execution.data.resultData.runData.Node).toHaveLength(1);
});

test('Retry On Fail with Continue: n8n retries while the first item failed; delivered items keep their first output', async () => {
	const { posts, node } = await run({ 11: 'missing' }, [11, 12, 13], { onError: 'continueRegularOutput' });
	// n8n 2.x re-runs a "continue" node whose first output item holds an error.
	expect(count(posts, 11)).toBe(3);
	expect(count(posts, 12)).toBe(1);
	expect(count(posts, 13)).toBe(1);
	const out = node[0].map((item) => item.json);
	expect(out[0].error).toMatch(/no such record/);
	expect(out.slice(1)).toEqual([
		{ messageId: 100, model: 'res.partner', recordId: 12, api: 'json2' },
		{ messageId: 101, model: 'res.partner', recordId: 13, api: 'json2' },
	]);
	expect(node[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
});

test('an item whose outcome is unknown is not sent again by Retry On Fail', async () => {
	const { posts, error } = await run({ 22: 'drop' }, [21, 22], { options: { concurrency: 1 } });
	expect(count(posts, 21)).toBe(1);
	expect(count(posts, 22)).toBe(1);
	expect(error?.message).toMatch(/may have been sent/);
	expect(error?.description).toContain('this item was not sent again');
	expect(error?.description).toContain('Items delivered before the node stopped: 1 (of 2');
});

test('with "Retry When Outcome Unknown" Retry On Fail sends such an item again', async () => {
	const { posts } = await run({ 22: 'drop' }, [21, 22], { options: { concurrency: 1, retryAmbiguous: true } });
	expect(count(posts, 21)).toBe(1);
	// 3 node tries x (1 + 0 transport retries)
	expect(count(posts, 22)).toBe(3);
});

test('a run without failures leaves no record behind; a separate execution sends again', async () => {
	const before = runMemorySize();
	const first = await run({}, [31, 32], {});
	const second = await run({}, [31, 32], {});
	expect(first.posts).toEqual([31, 32]);
	expect(second.posts).toEqual([31, 32]);
	expect(runMemorySize()).toBe(before);
});

test('records expire an hour after their last use and are bounded in number, checked on access', () => {
	const start = 1_000_000;
	const before = runMemorySize();
	openRun('expiring', start).delivered.set(0, { messageId: 1 });
	expect(openRun('expiring', start + RUN_MEMORY_TTL_MS - 1).delivered.get(0)).toEqual({ messageId: 1 });
	// Touched again just now: an hour from this touch it is gone.
	expect(openRun('other', start + 2 * RUN_MEMORY_TTL_MS).delivered.size).toBe(0);
	expect(openRun('expiring', start + 2 * RUN_MEMORY_TTL_MS).delivered.size).toBe(0);
	for (let i = 0; i < RUN_MEMORY_MAX + 5; i++) openRun(`bulk-${i}`, start + 2 * RUN_MEMORY_TTL_MS);
	expect(runMemorySize()).toBe(RUN_MEMORY_MAX);
	for (let i = 0; i < RUN_MEMORY_MAX + 5; i++) closeRun(`bulk-${i}`);
	closeRun('expiring');
	closeRun('other');
	expect(runMemorySize()).toBeLessThanOrEqual(before);
});

test('a retry does not wait out batch intervals for batches it only replays', async () => {
	const started = Date.now();
	const { posts } = await run({ 13: 'missing' }, [11, 12, 13], { options: { batchSize: 1, batchInterval: 400, concurrency: 1 } });
	const took = Date.now() - started;
	expect(posts).toEqual([11, 12, 13, 13, 13]);
	// First try: two intervals (800 ms) before item 3; the two retries replay items 1 and 2 at once.
	// Waiting them out again would take 2 x 800 ms more.
	expect(took).toBeGreaterThanOrEqual(800);
	expect(took).toBeLessThan(1500);
});
