/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
/**
 * Batching and the in-flight bound (Items per Batch, Batch Interval, Requests In Flight), through
 * n8n's real engine with nock answering: how many requests are open at once, where batches start
 * and that the wait between them is n8n's `sleep`. Also the hot path: the credential loaded once
 * per run (the parameter reader's shortcuts are in parameters.test.ts).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import * as workflowModule from 'n8n-workflow';
import nock from 'nock';

import { HarasocialApi } from '../../../credentials/HarasocialApi.credentials';
import { HarasocialPayloadMessage } from '../../../nodes/HarasocialPayloadMessage/HarasocialPayloadMessage.node';
import { DELIVERY as HARASOCIAL_DELIVERY } from '../../../nodes/HarasocialPayloadMessage/properties';
import { ODOO_DELIVERY } from '../../../nodes/shared/odoo/odooClient';
import { DELIVERY as ONEBOX_DELIVERY } from '../../../nodes/OneboxMessage/properties';
import { registerCredential, registerNode, runSingleNode, singleNodeWorkflow, TestCredentialsHelper } from '../../workflows/harness';

const ODOO = 'http://odoo.test';
const odooCredentials = { payoutOdooApi: { url: ODOO, apiKey: 'odoo-secret-key-123', apiType: 'json2', database: 'musiccast', login: '' } };
const HARASOCIAL = 'http://harasocial.test';
const harasocialCredentials = { harasocialApi: { accessToken: 'hs-secret-token-xyz', baseUrl: HARASOCIAL } };

registerNode('n8n-nodes-payout-notify.harasocialPayloadMessage', new HarasocialPayloadMessage());
registerCredential(new HarasocialApi());

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	jest.restoreAllMocks();
});
afterAll(() => nock.enableNetConnect());

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Batches start on time in the node; a request reaches the API a little later, by a varying delay. */
const JITTER_FLOOR = (intervalMs: number) => intervalMs - 80;

/** What the fake API saw: per item, when its request arrived and when it was answered. */
interface Trace {
	inFlight: number;
	maxInFlight: number;
	events: Array<{ item: number; start: number; end?: number }>;
	startOf(item: number): number;
	endOf(item: number): number;
}

function tracer(): Trace {
	const t0 = Date.now();
	const trace: Trace = {
		inFlight: 0,
		maxInFlight: 0,
		events: [],
		startOf: (item) => trace.events.find((e) => e.item === item)!.start - t0,
		endOf: (item) => trace.events.find((e) => e.item === item)!.end! - t0,
	};
	return trace;
}

/** Odoo's message_post answering after `delayMs`; the item is told by its record ID (100 + index). */
function odooReplying(trace: Trace, delayMs: number, times: number) {
	let nextId = 1;
	nock(ODOO)
		.post('/json/2/res.partner/message_post')
		.times(times)
		.reply(async (_uri, body) => {
			const event = { item: ((body as IDataObject).ids as number[])[0] - 100, start: Date.now() } as Trace['events'][number];
			trace.events.push(event);
			trace.maxInFlight = Math.max(trace.maxInFlight, ++trace.inFlight);
			await wait(delayMs);
			trace.inFlight--;
			event.end = Date.now();
			return [200, [nextId++]];
		});
}

const odooItems = (count: number): INodeExecutionData[] => Array.from({ length: count }, (_, i) => ({ json: { partner_id: 100 + i } }));

function runOdoo(options: IDataObject, items: INodeExecutionData[], onError?: 'continueErrorOutput') {
	const parameters = {
		recordId: { __rl: true, mode: 'id', value: '={{ $json.partner_id }}' },
		messageSource: 'custom',
		body: 'Your statement is ready.',
		options,
	};
	return runSingleNode(singleNodeWorkflow('odooMessagePost', parameters, items, { credentialType: 'payoutOdooApi', onError }), odooCredentials as never);
}

describe('defaults', () => {
	test('Odoo: 4 in flight, no batching; Harasocial: 2 in flight, 4 items a second; Onebox: 2 in flight', () => {
		expect(ODOO_DELIVERY).toMatchObject({ concurrency: 4, batchSize: 0, batchInterval: 0 });
		expect(HARASOCIAL_DELIVERY).toMatchObject({ concurrency: 2, batchSize: 4, batchInterval: 1000 });
		expect(ONEBOX_DELIVERY).toMatchObject({ concurrency: 2, batchSize: 0, batchInterval: 0 });
	});

	test('Odoo Message Post keeps at most 4 requests in flight by default, and outputs every item in order', async () => {
		const trace = tracer();
		odooReplying(trace, 40, 10);

		const { node, error } = await runOdoo({}, odooItems(10));

		expect(error).toBeUndefined();
		expect(trace.events).toHaveLength(10);
		expect(trace.maxInFlight).toBe(4);
		expect(node[0].map((i) => i.pairedItem)).toEqual(Array.from({ length: 10 }, (_, item) => ({ item })));
		expect(node[0].map((i) => i.json.recordId)).toEqual(Array.from({ length: 10 }, (_, i) => 100 + i));
	});

	test('Harasocial sends 4 items a second, 2 at a time', async () => {
		const starts: number[] = [];
		let inFlight = 0;
		let maxInFlight = 0;
		nock(HARASOCIAL)
			.post('/social/messages.json')
			.times(9)
			.reply(async () => {
				starts.push(Date.now());
				maxInFlight = Math.max(maxInFlight, ++inFlight);
				await wait(20);
				inFlight--;
				return [200, { data: { success: true }, has_error: false, error_code: null, error_message: null }];
			});
		const items = Array.from({ length: 9 }, (_, i) => ({ json: { psid: `256081646064874${i}` } }));
		const parameters = {
			pageId: '500725830264749',
			recipientId: '={{ $json.psid }}',
			payloadId: '__hrf_f_63072efd8d1cc15d16c3848e_s_4d12c525111725943cdbf556bd57687d',
			options: {},
		};

		const t0 = Date.now();
		const { node, error } = await runSingleNode(
			singleNodeWorkflow('harasocialPayloadMessage', parameters, items, { credentialType: 'harasocialApi' }),
			harasocialCredentials as never,
		);

		expect(error).toBeUndefined();
		expect(node[0]).toHaveLength(9);
		expect(maxInFlight).toBe(2);
		const at = starts.map((s) => s - t0).sort((x, y) => x - y);
		// Batches of 4, 4 and 1 starting a second apart (arrivals jitter by the time a request
		// takes to leave n8n): no more than 4 requests in any second, give or take that jitter.
		for (let i = 4; i < at.length; i++) expect(at[i] - at[i - 4]).toBeGreaterThanOrEqual(JITTER_FLOOR(1000));
		expect(at[8]).toBeGreaterThanOrEqual(1990);
	}, 15_000);
});

describe('Requests In Flight', () => {
	test.each([1, 2, 6])('%i at most, whatever the number of items', async (concurrency) => {
		const trace = tracer();
		odooReplying(trace, 30, 12);

		const { node } = await runOdoo({ concurrency }, odooItems(12));

		expect(node[0]).toHaveLength(12);
		expect(trace.maxInFlight).toBe(concurrency);
	});
});

describe('Items per Batch and Batch Interval', () => {
	test('a batch holds at most its size in flight, and the next starts only after it finished', async () => {
		const trace = tracer();
		odooReplying(trace, 30, 9);

		const { node } = await runOdoo({ concurrency: 4, batchSize: 3 }, odooItems(9));

		expect(node[0]).toHaveLength(9);
		expect(trace.maxInFlight).toBe(3);
		for (const batch of [1, 2]) {
			const firstStart = Math.min(...[0, 1, 2].map((k) => trace.startOf(batch * 3 + k)));
			const lastEnd = Math.max(...[0, 1, 2].map((k) => trace.endOf((batch - 1) * 3 + k)));
			expect(firstStart).toBeGreaterThanOrEqual(lastEnd);
		}
	});

	test('the interval is waited from the start of one batch to the start of the next, with n8n\'s sleep', async () => {
		const sleep = jest.spyOn(workflowModule, 'sleep');
		const trace = tracer();
		odooReplying(trace, 5, 6);

		const { node } = await runOdoo({ batchSize: 2, batchInterval: 250 }, odooItems(6));

		expect(node[0]).toHaveLength(6);
		const batchStart = (b: number) => Math.min(trace.startOf(2 * b), trace.startOf(2 * b + 1));
		expect(batchStart(1) - batchStart(0)).toBeGreaterThanOrEqual(JITTER_FLOOR(250));
		expect(batchStart(2) - batchStart(1)).toBeGreaterThanOrEqual(JITTER_FLOOR(250));
		expect(batchStart(2)).toBeGreaterThanOrEqual(490);
		// The wait goes through n8n-workflow's sleep (never a timer of the node's own): once per batch after the first.
		const waits = sleep.mock.calls.map(([ms]) => ms);
		expect(waits).toHaveLength(2);
		// What is left of the interval once the batch is done: never more than the interval.
		for (const ms of waits) {
			expect(ms).toBeGreaterThan(0);
			expect(ms).toBeLessThanOrEqual(250);
		}
	});

	test('a batch that takes longer than the interval is followed at once', async () => {
		const sleep = jest.spyOn(workflowModule, 'sleep');
		const trace = tracer();
		odooReplying(trace, 150, 4);

		await runOdoo({ batchSize: 2, batchInterval: 100 }, odooItems(4));

		const gap = Math.min(trace.startOf(2), trace.startOf(3)) - Math.min(trace.startOf(0), trace.startOf(1));
		expect(gap).toBeGreaterThanOrEqual(145);
		expect(sleep).not.toHaveBeenCalled();
	});

	test('0 items per batch sends all items as one batch, bounded by Requests In Flight only', async () => {
		const sleep = jest.spyOn(workflowModule, 'sleep');
		const trace = tracer();
		odooReplying(trace, 20, 8);

		await runOdoo({ batchSize: 0, batchInterval: 5000, concurrency: 8 }, odooItems(8));

		expect(trace.maxInFlight).toBe(8);
		expect(sleep).not.toHaveBeenCalled();
	});

	test('a failing item stops the run: no later batch is sent', async () => {
		nock(ODOO)
			.post('/json/2/res.partner/message_post')
			.reply(200, [1])
			.post('/json/2/res.partner/message_post')
			.reply(422, { name: 'odoo.exceptions.UserError', message: 'Partner 101 is archived' });
		const sent = jest.fn();
		nock(ODOO).post('/json/2/res.partner/message_post').times(4).reply(() => (sent(), [200, [9]]));

		const { error } = await runOdoo({ batchSize: 2, concurrency: 1 }, odooItems(6));

		expect(error?.message).toContain('Partner 101 is archived');
		expect(sent).not.toHaveBeenCalled();
	});

	test('with the error output, failed items stay in their place between batches', async () => {
		nock(ODOO)
			.post('/json/2/res.partner/message_post', (b) => (b.ids as number[])[0] !== 102)
			.times(4)
			.reply(200, (_uri, b) => [(b as IDataObject).ids as number[]][0])
			.post('/json/2/res.partner/message_post', (b) => (b.ids as number[])[0] === 102)
			.reply(422, { name: 'odoo.exceptions.UserError', message: 'Partner 102 is archived' });

		const { node } = await runOdoo({ batchSize: 2, batchInterval: 10 }, odooItems(5), 'continueErrorOutput');

		expect(node[0].map((i) => i.json.recordId)).toEqual([100, 101, 103, 104]);
		expect(node[1]).toHaveLength(1);
		expect(node[1][0].pairedItem).toEqual({ item: 2 });
		expect(node[1][0].json.error).toContain('Partner 102 is archived');
	});
});

describe('the hot path', () => {
	test('the credential is loaded once per run, not once per request', async () => {
		const getDecrypted = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
		const trace = tracer();
		odooReplying(trace, 1, 20);

		const { node } = await runOdoo({}, odooItems(20));

		expect(node[0]).toHaveLength(20);
		expect(getDecrypted).toHaveBeenCalledTimes(1);
	});
});
