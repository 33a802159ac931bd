/**
 * What the Harasocial Payload Message tests share: the seed example of Harasocial's API page, a
 * workflow whose manual trigger feeds the node pinned items, `harasocial`, which answers as nock and
 * records each request, and readers for the error that stopped a run or a failed item. Importing
 * this file registers the node and its credential with the harness (test/workflows/harness.ts) and,
 * for the test file that imports it, turns off real connections and clears nock after each test.
 */
import nock from 'nock';
import type { IDataObject, INode, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';

import { HarasocialApi } from '../../../credentials/HarasocialApi.credentials';
import { HarasocialPayloadMessage } from '../../../nodes/HarasocialPayloadMessage/HarasocialPayloadMessage.node';
import type { FixtureRun } from '../../workflows/harness';
import { registerCredential, registerNode } from '../../workflows/harness';

const TYPE = 'n8n-nodes-payout-notify.harasocialPayloadMessage';
export const NODE = 'Harasocial Payload Message';
export const BASE = 'http://harasocial.test';
export const PATH = '/social/messages.json';
export const TOKEN = 'hs-secret-token-xyz';
export const credentials = { harasocialApi: { accessToken: TOKEN, baseUrl: BASE } };

export const SEED = {
	psid: '2560816460648749',
	payload_id: '__hrf_f_63072efd8d1cc15d16c3848e_s_4d12c525111725943cdbf556bd57687d',
	page_id: '500725830264749',
	metadata: 'Custom string that is delivered as a message echo',
};
export const SEED_BODY = {
	messaging_type: 'harasocial_facebook_payload_id',
	recipient: { id: SEED.psid },
	message: { payload_id: SEED.payload_id },
	page_id: SEED.page_id,
	metadata: SEED.metadata,
};
export const OK = { data: { success: true }, has_error: false, error_code: null, error_message: null };

registerNode(TYPE, new HarasocialPayloadMessage());
registerCredential(new HarasocialApi());

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** A manual trigger whose pinned items feed the node; the node reads each field from the item. */
export function workflow(items: IDataObject[], options: IDataObject = {}, node: Partial<INode> = {}): IWorkflowBase {
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

export const continueErrorOutput = { onError: 'continueErrorOutput' } as Partial<INode>;

interface Seen {
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** Replies in turn with the given answers and records every request it gets. */
export function harasocial(...answers: Array<[number, unknown, Record<string, string>?]>) {
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
export function runError(result: FixtureRun) {
	const error = result.run.data.resultData.error as unknown as { message: string; description?: string; httpCode?: string; context?: IDataObject } | undefined;
	expect(error).toBeDefined();
	return error!;
}

/**
 * An item of the error output as n8n 2.x leaves it: the engine replaces the json of an item that
 * carries `error` with `{error: message}`, so the description and the delivery live on the error.
 */
export function failureOf(item: INodeExecutionData) {
	const error = item.error as unknown as { message: string; description?: string; httpCode?: string; context?: IDataObject };
	expect(item.json).toEqual({ error: error.message });
	return { message: error.message, description: error.description ?? '', httpCode: error.httpCode, delivery: error.context?.delivery ?? 'not-sent' };
}

export function expectNoToken(result: FixtureRun) {
	const everything = JSON.stringify({
		outputs: result.outputs,
		error: result.run.data.resultData.error,
		runData: result.run.data.resultData.runData,
	});
	expect(everything).not.toContain(TOKEN);
}
