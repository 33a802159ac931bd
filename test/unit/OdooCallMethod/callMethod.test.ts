/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { runSingleNode, singleNodeWorkflow } from '../../workflows/harness';
import { dropServer } from '../servers';

const ODOO = 'http://odoo.test';
const KEY = 'odoo-secret-key-123';
const json2 = { payoutOdooApi: { url: ODOO, apiKey: KEY, apiType: 'json2', database: '', login: '' } };
const jsonrpc = { payoutOdooApi: { url: ODOO, apiKey: KEY, apiType: 'jsonrpc', database: 'musiccast', login: 'bot@musiccast.example' } };
const auto = (database = '') => ({ payoutOdooApi: { url: ODOO, apiKey: KEY, apiType: 'auto', database, login: database ? 'bot@musiccast.example' : '' } });

const JSON_TYPE = { 'content-type': 'application/json' };
const items = (...jsons: IDataObject[]): INodeExecutionData[] => jsons.map((json) => ({ json }));
const model = (value: string) => ({ __rl: true, mode: 'name', value });
const method = (value: string) => ({ __rl: true, mode: 'list', value });

function run(parameters: IDataObject, input: INodeExecutionData[] = items({}), credentials: Record<string, IDataObject> = json2, onError?: 'continueErrorOutput') {
	return runSingleNode(singleNodeWorkflow('odooCallMethod', parameters, input, { credentialType: 'payoutOdooApi', onError }), credentials as never);
}

/** Captures each request body a nock interceptor receives. */
function bodies() {
	const seen: IDataObject[] = [];
	return { seen, take: (body: IDataObject) => seen.push(body) > 0 };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('JSON-2 (Odoo 19+)', () => {
	test('search_read split into items: one item per record, each paired with its input item', async () => {
		const { seen, take } = bodies();
		nock(ODOO, { reqheaders: { authorization: `bearer ${KEY}`, 'content-type': 'application/json' }, badheaders: ['x-odoo-database'] })
			.post('/json/2/res.partner/search_read', take)
			.reply(200, [
				{ id: 7, name: 'Ada Lovelace' },
				{ id: 8, name: 'Grace Hopper' },
			])
			.post('/json/2/res.partner/search_read', take)
			.reply(200, []);

		const { node, error } = await run(
			{
				model: model('res.partner'),
				method: method('search_read'),
				arguments: '={{ JSON.stringify({ domain: [["ref", "like", $json.prefix]], fields: ["name"], limit: 2 }) }}',
				context: { lang: 'fr_FR' },
				options: { splitIntoItems: true },
			},
			items({ prefix: 'RH-' }, { prefix: 'NONE-' }),
		);

		expect(error).toBeUndefined();
		expect(seen).toEqual([
			{ domain: [['ref', 'like', 'RH-']], fields: ['name'], limit: 2, context: { lang: 'fr_FR' } },
			{ domain: [['ref', 'like', 'NONE-']], fields: ['name'], limit: 2, context: { lang: 'fr_FR' } },
		]);
		expect(node[0]).toEqual([
			{ json: { id: 7, name: 'Ada Lovelace' }, pairedItem: { item: 0 } },
			{ json: { id: 8, name: 'Grace Hopper' }, pairedItem: { item: 0 } },
		]);
	});

	test('create returns the new ids as { result }', async () => {
		const { seen, take } = bodies();
		nock(ODOO).post('/json/2/account.move/create', take).reply(200, [101]);

		const vals = { move_type: 'entry', journal_id: 1, ref: 'PAY-1', line_ids: [[0, 0, { account_id: 610, debit: 5 }], [0, 0, { account_id: 401, credit: 5 }]] };
		const { node } = await run({ model: model('account.move'), method: method('create'), arguments: JSON.stringify({ vals_list: [vals] }) });

		expect(seen).toEqual([{ vals_list: [vals] }]);
		expect(node[0]).toEqual([{ json: { result: [101] }, pairedItem: { item: 0 } }]);
	});

	test('a record-level method sends the ids; company context from the Context field', async () => {
		const { seen, take } = bodies();
		nock(ODOO).post('/json/2/account.move/action_post', take).reply(200, 'false', JSON_TYPE); // what Odoo 19 answers

		const { node } = await run({
			model: model('account.move'),
			method: { __rl: true, mode: 'name', value: 'action_post' },
			recordIds: '={{ $json.moveIds }}',
			context: { allowed_company_ids: '1, 3', extra: '{"default_journal_id": 1}' },
		}, items({ moveIds: [101, '102'] }));

		expect(seen).toEqual([{ ids: [101, 102], context: { default_journal_id: 1, allowed_company_ids: [1, 3] } }]);
		expect(node[0]).toEqual([{ json: { result: false }, pairedItem: { item: 0 } }]);
	});

	test('a model-level method without ids or arguments: no body, which Odoo reads as no arguments', async () => {
		const { seen, take } = bodies();
		// n8n's request helper sends an empty object as no body; real Odoo 19 takes that like {}.
		nock(ODOO, { reqheaders: { 'content-type': 'application/json' } }).post('/json/2/res.partner/search_count', take).reply(200, '6', JSON_TYPE);

		const { node } = await run({ model: model('res.partner'), method: method('search_count') });

		expect(seen).toEqual(['']);
		expect(node[0]).toEqual([{ json: { result: 6 }, pairedItem: { item: 0 } }]);
	});

	test('an unknown keyword (422) is reported with Odoo\'s message, the item and the fix', async () => {
		nock(ODOO)
			.post('/json/2/res.partner/create')
			.reply(422, {
				name: 'werkzeug.exceptions.UnprocessableEntity',
				message: "got an unexpected keyword argument 'foo'",
				arguments: ["got an unexpected keyword argument 'foo'", 422],
				context: {},
				debug: 'Traceback (most recent call last): ...',
			});

		const { node } = await run({ model: model('res.partner'), method: method('create'), arguments: '{"vals_list": [{"name": "X"}], "foo": 1}' }, items({}), json2, 'continueErrorOutput');

		expect(node[0]).toEqual([]);
		expect(node[1][0].json).toEqual({ error: "Odoo refused the call: UnprocessableEntity: got an unexpected keyword argument 'foo'" });
		expect(node[1][0].error?.description).toContain('an argument name the method does not take');
		expect(node[1][0].error?.description).not.toContain('Traceback');
		expect(node[1][0].error?.context).toMatchObject({ itemIndex: 0, delivery: 'not-sent' });
	});

	test('a write is not sent again after a dropped connection', async () => {
		const server = await dropServer();
		try {
			const { node } = await run(
				{ model: model('res.partner'), method: method('write'), recordIds: '7', arguments: '{"vals": {"comment": "paid"}}' },
				items({}),
				{ payoutOdooApi: { ...json2.payoutOdooApi, url: server.url } },
				'continueErrorOutput',
			);

			expect(server.requests()).toBe(1);
			expect(node[1][0].json).toEqual({ error: 'No answer from Odoo (ECONNRESET): the call may have been carried out' });
			expect(node[1][0].error?.description).toContain('check in Odoo what it did before running this item again');
			expect(node[1][0].error?.context.delivery).toBe('unknown');
		} finally {
			await server.close();
		}
	});

	test('a read is retried after a dropped connection: it changes nothing', async () => {
		const server = await dropServer({ thenAnswer: { afterDrops: 1, json: [{ id: 7, name: 'Ada Lovelace' }] } });
		try {
			const { node, error } = await run(
				{ model: model('res.partner'), method: method('read'), recordIds: 7, arguments: '{"fields": ["name"]}' },
				items({}),
				{ payoutOdooApi: { ...json2.payoutOdooApi, url: server.url } },
			);

			expect(error).toBeUndefined();
			expect(server.requests()).toBe(2);
			expect(node[0]).toEqual([{ json: { result: [{ id: 7, name: 'Ada Lovelace' }] }, pairedItem: { item: 0 } }]);
		} finally {
			await server.close();
		}
	});
});

describe('JSON-RPC (Odoo 14-18)', () => {
	function rpcServer(results: unknown[]) {
		const { seen, take } = bodies();
		const scope = nock(ODOO);
		for (const result of results) scope.post('/jsonrpc', take).reply(200, (_uri, body) => ({ jsonrpc: '2.0', id: (body as IDataObject).id, result }));
		return seen;
	}
	const params = (body: IDataObject) => body.params as { service: string; method: string; args: unknown[] };

	test('named arguments become execute_kw\'s positional ones where Odoo\'s signature needs them', async () => {
		const seen = rpcServer([5, [{ id: 7, name: 'Ada' }], 12]);

		const { node, error } = await run(
			{
				model: model('res.partner'),
				method: method('={{ $json.method }}'),
				arguments: '={{ JSON.stringify($json.args) }}',
				context: { tz: 'Europe/Brussels' },
			},
			items(
				{ method: 'search_read', args: { domain: [['id', '=', 7]], fields: ['name'], limit: 1 } },
				{ method: 'create', args: { vals_list: [{ name: 'New' }] } },
			),
			jsonrpc,
		);

		expect(error).toBeUndefined();
		expect(seen.map(params)).toEqual([
			{ service: 'common', method: 'login', args: ['musiccast', 'bot@musiccast.example', KEY] },
			{ service: 'object', method: 'execute_kw', args: ['musiccast', 5, KEY, 'res.partner', 'search_read', [[['id', '=', 7]], ['name']], { limit: 1, context: { tz: 'Europe/Brussels' } }] },
			{ service: 'object', method: 'execute_kw', args: ['musiccast', 5, KEY, 'res.partner', 'create', [[{ name: 'New' }]], { context: { tz: 'Europe/Brussels' } }] },
		]);
		expect(node[0].map((i) => i.json)).toEqual([{ result: [{ id: 7, name: 'Ada' }] }, { result: 12 }]);
	});

	test('record ids go first; an unknown method\'s arguments stay keywords', async () => {
		const seen = rpcServer([5, true]);

		await run({ model: model('account.move'), method: { __rl: true, mode: 'name', value: 'button_draft' }, recordIds: '101', arguments: '{"reason": "x"}' }, items({}), jsonrpc);

		expect(params(seen[1]).args).toEqual(['musiccast', 5, KEY, 'account.move', 'button_draft', [[101]], { reason: 'x' }]);
	});
});

describe('the API detected from the server version', () => {
	test.each([
		['Odoo Online 19', { version_info: ['saas~19', 1, 0, 'final', 0, 'e'], version: 'saas~19.1+e' }, 'json2'],
		['Odoo Online 18', { version_info: ['saas~18', 3, 0, 'final', 0, 'e'], version: 'saas~18.3+e' }, 'jsonrpc'],
		['Enterprise 19 on-premise', { version_info: [19, 0, 0, 'final', 0, 'e'], version: '19.0+e' }, 'json2'],
	])('%s', async (_name, answer, api) => {
		const scope = nock(ODOO).get('/web/version').reply(200, answer);
		if (api === 'json2') scope.post('/json/2/res.partner/search_count').reply(200, '3', JSON_TYPE);
		else {
			scope.post('/jsonrpc').reply(200, { jsonrpc: '2.0', id: 1, result: 5 });
			scope.post('/jsonrpc').reply(200, { jsonrpc: '2.0', id: 2, result: 3 });
		}

		const { node, error } = await run({ model: model('res.partner'), method: method('search_count') }, items({}), auto(api === 'jsonrpc' ? 'musiccast' : ''));

		expect(error).toBeUndefined();
		expect(node[0]).toEqual([{ json: { result: 3 }, pairedItem: { item: 0 } }]);
		expect(scope.isDone()).toBe(true);
	});

	test('an unknown version string is an error that quotes the server and names the fix', async () => {
		nock(ODOO).get('/web/version').reply(200, { version_info: ['master', 0, 0, 'alpha', 1, ''], version: 'master' });

		const { error } = await run({ model: model('res.partner'), method: method('search_count') }, items({}), auto());

		expect(error?.message).toBe('Could not tell which Odoo version this server runs: /web/version answered {"version":"master","version_info":["master",0,0,"alpha",1,""]}');
		expect(error?.description).toContain('JSON-2 for Odoo 19 and later (Odoo Online included), JSON-RPC for Odoo 14-18');
	});
});

describe('validation before anything is sent', () => {
	test.each([
		// Expressions: the fields' own checks stop typed values before the node runs.
		[{ method: { __rl: true, mode: 'name', value: '={{ "_read_format" }}' } }, 'The method "_read_format" is private: Odoo never lets it be called from outside'],
		[{ recordIds: '0x10' }, 'Each of Record IDs must be a positive whole number written with digits only (at most 9007199254740991), not "0x10"'],
		[{ recordIds: '1e3' }, 'Each of Record IDs must be a positive whole number written with digits only (at most 9007199254740991), not "1e3"'],
		[{ recordIds: '={{ [[7, "Ada Lovelace"]] }}' }, 'it is an Odoo many2one pair, use its id, e.g. {{ $json.partner_id[0] }}'],
		[{ arguments: '{"domain": [' }, 'Arguments is not valid JSON'],
		[{ arguments: '[1, 2]' }, 'Arguments must be a JSON object of named values'],
		[{ arguments: '{"ids": [7]}' }, 'Arguments must not contain "ids": put the records in the Record IDs field'],
		[{ model: model('={{ "Partner" }}') }, 'The model must be a technical name such as res.partner or account.move'],
	])('%j', async (parameters, message) => {
		const { node } = await run({ model: model('res.partner'), method: method('read'), ...parameters }, items({}), json2, 'continueErrorOutput');

		expect(nock.pendingMocks()).toEqual([]);
		expect(String(node[1][0].json.error)).toContain(message);
		expect(node[1][0].error?.context.itemIndex).toBe(0);
	});
});
