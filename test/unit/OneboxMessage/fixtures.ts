/**
 * What the Onebox Message tests share. They run the node through n8n's real engine
 * (test/workflows/harness.ts) with nock at the HTTP boundary: `loginApi` and `messageApi` answer
 * Onebox's login and message endpoints, `run` runs the node and `failures` reads its failed items.
 * Importing this file registers the node and its credential with the harness and, for the test
 * file that imports it, turns off real connections and clears nock's interceptors after each test.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { OneboxApi } from '../../../credentials/OneboxApi.credentials';
import { OneboxMessage } from '../../../nodes/OneboxMessage/OneboxMessage.node';
import type { SingleNodeOptions } from '../../workflows/harness';
import { registerCredential, registerNode, runSingleNode, singleNodeWorkflow } from '../../workflows/harness';

const TYPE = 'n8n-nodes-payout-notify.oneboxMessage';
registerNode(TYPE, new OneboxMessage());
registerCredential(new OneboxApi());

export const HOST = 'http://onebox.test';
export const PASSWORD = 'pw-secret-123';
export const LOGIN = { email: 'op@example.com', password: PASSWORD, siteId: '169' };

/** A JWT as Onebox issues it: 15 minutes between iat and exp. */
export function jwt(expiresInSeconds: number, tag = 'a'): string {
	const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const now = Math.floor(Date.now() / 1000);
	return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: tag, iat: now + expiresInSeconds - 900, exp: now + expiresInSeconds })}.c2lnbmF0dXJl${tag}`;
}
export const TOKEN = jwt(900, 'fresh');

/** Fresh credentials per run: the harness stores the token in this object, as n8n does in its database. */
export const credentials = (sessionToken = '', host = HOST) => ({ oneboxApi: { host, ...LOGIN, sessionToken } });

interface Call {
	authorization: string;
	body: IDataObject;
}

/** Records every POST /api/message and answers them with `replies`, in turn; one request per reply. */
export function messageApi(...replies: Array<[number, unknown, Record<string, string>?]>) {
	const calls: Call[] = [];
	nock(HOST)
		.post('/api/message')
		.times(replies.length)
		.reply(function (_uri, body) {
			calls.push({ authorization: String(this.req.headers.authorization), body: body as IDataObject });
			const [status, answer, headers] = replies[Math.min(calls.length, replies.length) - 1];
			return [status, typeof answer === 'function' ? (answer as (b: IDataObject) => unknown)(body as IDataObject) : answer, headers ?? {}];
		});
	return calls;
}

/** What Onebox answers for a created message, built from the request like the API page's example. */
export function created(id: number, mediaId = 'FCBK') {
	return (body: IDataObject) => ({
		limit: '1',
		offset: 0,
		count: 1,
		total: 707,
		data: [
			{
				Id: String(id),
				SiteId: '169',
				ConnectionId: String(body.ConnectionId),
				Subject: body.Subject,
				MediaId: mediaId,
				MethodId: body.MethodId,
				From: body.From,
				To: body.To,
				StatusId: 'MSS1',
				CreateDate: '2026-11-22 10:00:00',
				Users: [],
				Content: body.Content,
				Attachments: [],
			},
		],
	});
}

export function loginApi(times = 1, token = TOKEN) {
	const bodies: unknown[] = [];
	nock(HOST)
		.post('/api/authenticate', (body) => {
			bodies.push(body);
			return true;
		})
		.times(times)
		.reply(200, { response_code: '200', response_status: 'Success', token });
	return bodies;
}

export const connection = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });

interface RunOptions {
	items?: INodeExecutionData[];
	token?: string;
	host?: string;
	onError?: SingleNodeOptions['onError'];
	typeVersion?: number;
}

/** Runs the node through n8n's engine; returns its outputs, its error if it stopped, and the stored credential. */
export async function run(parameters: IDataObject, opts: RunOptions = {}) {
	const creds = credentials(opts.token, opts.host);
	const workflow = singleNodeWorkflow('oneboxMessage', parameters, opts.items ?? [{ json: {} }], { credentialType: 'oneboxApi', onError: opts.onError, typeVersion: opts.typeVersion });
	const result = await runSingleNode(workflow, creds);
	const error = result.error as (Error & { description?: string; context?: IDataObject }) | undefined;
	return { ...result, main: result.node, error, store: creds.oneboxApi };
}

export const continueRegular = { onError: 'continueRegularOutput' } as const;

/**
 * A failed item as the user gets it. n8n keeps only `{error: message}` as the JSON of an item
 * that carries `error` (WorkflowExecute rewrites it); the rest is on the attached NodeApiError.
 */
function failure(item: INodeExecutionData) {
	const error = item.error as (Error & { description?: string; httpCode?: string | null; context: IDataObject }) | undefined;
	expect(item.json).toEqual({ error: error?.message });
	return {
		error: error?.message,
		description: error?.description,
		httpCode: error?.httpCode ?? undefined,
		delivery: error?.context.delivery ?? 'not-sent',
	};
}
export const failures = (items: INodeExecutionData[] | undefined) => (items ?? []).map(failure);

export const FB_POST = { connectionId: connection(583), channel: 'facebook', method: 'post', from: '469218373611012', to: '469218373611012', body: 'Payout sent' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());
