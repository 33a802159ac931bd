/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
import nock from 'nock';
import type { IDataObject, INode, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';

import { HarasocialApi } from '../../credentials/HarasocialApi.credentials';
import { HarasocialPayloadMessage } from '../../nodes/HarasocialPayloadMessage/HarasocialPayloadMessage.node';
import type { FixtureRun } from '../workflows/harness';
import { jsonOf, loadFixture, registerCredential, registerNode, runWorkflow } from '../workflows/harness';
import { dropServer } from './servers';

const TYPE = 'n8n-nodes-payout-notify.harasocialPayloadMessage';
const NODE = 'Harasocial Payload Message';
const BASE = 'http://harasocial.test';
const PATH = '/social/messages.json';
const TOKEN = 'hs-secret-token-xyz';
const credentials = { harasocialApi: { accessToken: TOKEN, baseUrl: BASE } };

const SEED = {
	psid: '2560816460648749',
	payload_id: '__hrf_f_63072efd8d1cc15d16c3848e_s_4d12c525111725943cdbf556bd57687d',
	page_id: '500725830264749',
	metadata: 'Custom string that is delivered as a message echo',
};
const SEED_BODY = {
	messaging_type: 'harasocial_facebook_payload_id',
	recipient: { id: SEED.psid },
	message: { payload_id: SEED.payload_id },
	page_id: SEED.page_id,
	metadata: SEED.metadata,
};
const NOTE =
	'Accepted for processing by Harasocial; this is not a delivery receipt (Facebook delivers only inside its 24-hour messaging window).';
const OK = { data: { success: true }, has_error: false, error_code: null, error_message: null };

registerNode(TYPE, new HarasocialPayloadMessage());
registerCredential(new HarasocialApi());

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** A manual trigger whose pinned items feed the node; the node reads each field from the item. */
function workflow(items: IDataObject[], options: IDataObject = {}, node: Partial<INode> = {}): IWorkflowBase {
	return {
		id: 'harasocial-unit',
		name: 'Harasocial unit test',
		active: false,
		nodes: [
			{ id: 't', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'h',
				name: NODE,
				type: TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					pageId: '={{ $json.page_id }}',
					recipientId: '={{ $json.psid }}',
					payloadId: '={{ $json.payload_id }}',
					metadata: '={{ $json.metadata }}',
					options: { maxRetries: 2, ...options },
				},
				credentials: { harasocialApi: { id: '1', name: 'Harasocial test' } },
				...node,
			},
		],
		connections: { 'Manual Trigger': { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
		pinData: { 'Manual Trigger': items.map((json) => ({ json })) },
		settings: { executionOrder: 'v1' },
	} as unknown as IWorkflowBase;
}

const continueErrorOutput = { onError: 'continueErrorOutput' } as Partial<INode>;

interface Seen {
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** Replies in turn with the given answers and records every request it gets. */
function harasocial(...answers: Array<[number, unknown, Record<string, string>?]>) {
	const seen: Seen[] = [];
	const scope = nock(BASE);
	for (const [status, body, headers] of answers) {
		scope.post(PATH).reply(function (_uri, requestBody) {
			seen.push({ headers: this.req.headers, body: requestBody });
			return [status, body as nock.Body, headers ?? {}];
		});
	}
	return { scope, seen };
}

/** The error that stopped the run, as the editor shows it. */
function runError(result: FixtureRun) {
	const error = result.run.data.resultData.error as unknown as { message: string; description?: string; httpCode?: string; context?: IDataObject } | undefined;
	expect(error).toBeDefined();
	return error!;
}

/**
 * An item of the error output as n8n 2.x leaves it: the engine replaces the json of an item that
 * carries `error` with `{error: message}`, so the description and the delivery live on the error.
 */
function failureOf(item: INodeExecutionData) {
	const error = item.error as unknown as { message: string; description?: string; httpCode?: string; context?: IDataObject };
	expect(item.json).toEqual({ error: error.message });
	return { message: error.message, description: error.description ?? '', httpCode: error.httpCode, delivery: error.context?.delivery ?? 'not-sent' };
}

function expectNoToken(result: FixtureRun) {
	const everything = JSON.stringify({
		outputs: result.outputs,
		error: result.run.data.resultData.error,
		runData: result.run.data.resultData.runData,
	});
	expect(everything).not.toContain(TOKEN);
}

describe('Harasocial Payload Message', () => {
	test('sends the documented request for the seed example and outputs the acceptance', async () => {
		const { scope, seen } = harasocial([200, OK]);

		const result = await runWorkflow(workflow([SEED]), credentials);

		expect(scope.isDone()).toBe(true);
		expect(seen).toHaveLength(1);
		expect(seen[0].body).toEqual(SEED_BODY);
		expect(Object.keys(seen[0].body as object)).toEqual(['messaging_type', 'recipient', 'message', 'page_id', 'metadata']);
		expect(seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(seen[0].headers['content-type']).toBe('application/json');
		expect(seen[0].headers.accept).toBe('application/json');
		expect(result.run.data.resultData.error).toBeUndefined();
		expect(jsonOf(result.outputs[NODE][0])).toEqual([
			{
				accepted: true,
				pageId: SEED.page_id,
				recipientId: SEED.psid,
				payloadId: SEED.payload_id,
				metadata: SEED.metadata,
				messagingType: 'harasocial_facebook_payload_id',
				note: NOTE,
			},
		]);
		expect(result.outputs[NODE][0][0].pairedItem).toEqual({ item: 0 });
		expectNoToken(result);
	});

	test('leaves metadata out of the request and the output when it is empty, and turns numeric ids into strings', async () => {
		const { seen } = harasocial([200, OK]);

		const result = await runWorkflow(
			workflow([{ page_id: 500725830264749, psid: 2560816460648749, payload_id: ` ${SEED.payload_id} `, metadata: '' }]),
			credentials,
		);

		expect(seen.map((s) => s.body)).toEqual([
			{ messaging_type: 'harasocial_facebook_payload_id', recipient: { id: SEED.psid }, message: { payload_id: SEED.payload_id }, page_id: SEED.page_id },
		]);
		const [item] = jsonOf(result.outputs[NODE][0]);
		expect(item).not.toHaveProperty('metadata');
		expect(item).toMatchObject({ accepted: true, pageId: SEED.page_id, recipientId: SEED.psid, payloadId: SEED.payload_id });
	});

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

	test('metadata of exactly 500 characters is sent, even when that is 1000 or 2000 bytes', async () => {
		const accented = 'é'.repeat(500);
		const emoji = '🎵'.repeat(500);
		expect(Buffer.byteLength(accented)).toBe(1000);
		expect(Buffer.byteLength(emoji)).toBe(2000);
		const { seen } = harasocial([200, OK], [200, OK]);

		const result = await runWorkflow(workflow([{ ...SEED, metadata: accented }, { ...SEED, metadata: emoji }]), credentials);

		expect(seen.map((s) => (s.body as IDataObject).metadata)).toEqual([accented, emoji]);
		expect(jsonOf(result.outputs[NODE][0]).map((item) => item.metadata)).toEqual([accented, emoji]);
	});

	test.each([
		['é', 'é'.repeat(501)],
		['emoji', '🎵'.repeat(501)],
	])('metadata of 501 characters (%s) is refused and nothing is sent', async (_what, metadata) => {
		const scope = nock(BASE).post(PATH).reply(200, OK);

		const result = await runWorkflow(workflow([{ ...SEED, metadata }]), credentials);

		expect(scope.isDone()).toBe(false);
		expect(nock.pendingMocks()).toHaveLength(1);
		const error = runError(result);
		expect(error.message).toBe('Metadata is 501 characters long; Harasocial allows at most 500');
		expect(error.context?.itemIndex).toBe(0);
	});

	test.each([
		['an empty page ID', { page_id: '' }, 'Page ID is empty'],
		['a page ID with letters', { page_id: 'my-page' }, 'Page ID must contain digits only, not "my-page"'],
		['an empty PSID', { psid: '   ' }, 'Recipient PSID is empty'],
		['a PSID that lost digits as a number', { psid: Number('25608164606487491') }, 'is not exact as a number'],
		['a payload ID without the __hrf_ prefix', { payload_id: 'f_63072efd8d1cc15d16c3848e' }, 'The payload ID must start with __hrf_'],
		['a payload ID with a space', { payload_id: '__hrf_f_6307 2efd' }, 'contain no spaces'],
		['an empty payload ID', { payload_id: '' }, 'The payload ID is empty'],
	])('%s is refused before sending', async (_what, change, message) => {
		const scope = nock(BASE).post(PATH).reply(200, OK);

		const result = await runWorkflow(workflow([{ ...SEED, ...change }], {}, continueErrorOutput), credentials);

		expect(scope.isDone()).toBe(false);
		const [failed] = result.outputs[NODE][1];
		const error = failureOf(failed);
		expect(error.message).toContain(message);
		expect(error.description).toContain('Nothing was sent');
		expect(error.delivery).toBe('not-sent');
		expect(failed.pairedItem).toEqual({ item: 0 });
	});

	test('only the invalid item is held back: the valid ones around it are sent', async () => {
		const { seen } = harasocial([200, OK], [200, OK]);

		const result = await runWorkflow(workflow([SEED, { ...SEED, page_id: 'x' }, { ...SEED, psid: '42' }], {}, continueErrorOutput), credentials);

		expect(seen.map((s) => (s.body as { recipient: { id: string } }).recipient.id)).toEqual([SEED.psid, '42']);
		expect(result.outputs[NODE][0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.outputs[NODE][1].map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
	});

	test('a token echoed back by the service never reaches the error', async () => {
		harasocial([401, { has_error: true, error_code: 'unauthorized', error_message: `Token ${TOKEN} has no social.conv scope` }]);

		const result = await runWorkflow(workflow([SEED], {}, continueErrorOutput), credentials);

		const error = failureOf(result.outputs[NODE][1][0]);
		expect(error.message).toContain('***');
		expectNoToken(result);
	});

	test('the workflow fixture runs through the real engine and matches its pinned output', async () => {
		const { seen } = harasocial([200, OK], [200, OK]);

		const { outputs, expected } = await runWorkflow(loadFixture(`${__dirname}/../workflows/harasocial-payload.workflow.json`), credentials);

		expect(jsonOf(outputs[NODE][0])).toEqual(jsonOf(expected[NODE] as never));
		expect(seen[0].body).toEqual(SEED_BODY);
		expect(seen[1].body).not.toHaveProperty('metadata');
	});
});

describe('Operation: the action n8n\'s nodes panel lets people drag', () => {
	test('one operation, "Send a payload message", the default; a node dropped with it set sends what a saved node without it sends', async () => {
		const operation = new HarasocialPayloadMessage().description.properties.find((p) => p.name === 'operation');
		expect(operation).toMatchObject({ type: 'options', default: 'sendPayload', noDataExpression: true });
		expect(operation!.options).toEqual([expect.objectContaining({ name: 'Send Payload Message', value: 'sendPayload', action: 'Send a payload message' })]);

		const { scope, seen } = harasocial([200, OK], [200, OK]);
		const saved = workflow([SEED]);
		const dropped = workflow([SEED]);
		dropped.nodes[1].parameters = { operation: 'sendPayload', ...dropped.nodes[1].parameters };
		expect((await runWorkflow(saved, credentials)).run.data.resultData.error).toBeUndefined();
		expect((await runWorkflow(dropped, credentials)).run.data.resultData.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(seen.map((s) => s.body)).toEqual([SEED_BODY, SEED_BODY]);
	});
});

describe('Harasocial API credential', () => {
	const credential = new HarasocialApi();

	test('authenticates with a bearer header and keeps the token a password field', () => {
		expect(credential.authenticate).toEqual({ type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } } });
		expect(credential.properties.find((p) => p.name === 'accessToken')?.typeOptions).toEqual({ password: true });
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://apis.harasocial.com');
	});

});
