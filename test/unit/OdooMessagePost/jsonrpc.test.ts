import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { items, json2, KEY, ODOO, payout, run, seedParameters, SUCCESS_HTML } from './fixtures';

const jsonrpc = { payoutOdooApi: { url: ODOO, apiKey: KEY, apiType: 'jsonrpc', database: 'musiccast', login: 'bot@musiccast.example' } };

describe('JSON-RPC (Odoo 14-18)', () => {
	const version = (v: number) => ({ version: `${v}.0`, version_info: [v, 0, 0, 'final', 0, ''] });

	test('logs in once, calls execute_kw, and normalizes the bare integer of Odoo 17', async () => {
		const rpc: IDataObject[] = [];
		nock(ODOO)
			.get('/web/version')
			.reply(200, version(17))
			.post('/jsonrpc', (b) => rpc.push(b) > 0)
			.times(3)
			.reply(200, (_u, b) => {
				const params = (b as { params: { method: string } }).params;
				return { jsonrpc: '2.0', id: (b as { id: number }).id, result: params.method === 'login' ? 5 : 321 };
			});

		const { node } = await run(seedParameters, items(payout, { ...payout, partner_id: 8 }), jsonrpc);

		expect(rpc).toHaveLength(3);
		expect(rpc[0]).toEqual({
			jsonrpc: '2.0',
			method: 'call',
			params: { service: 'common', method: 'login', args: ['musiccast', 'bot@musiccast.example', KEY] },
			id: 1,
		});
		expect((rpc[1].params as IDataObject).args).toEqual([
			'musiccast',
			5,
			KEY,
			'res.partner',
			'message_post',
			[[7]],
			{
				body: SUCCESS_HTML,
				body_is_html: true,
				message_type: 'comment',
				subtype_xmlid: 'mail.mt_comment',
				partner_ids: [7],
				author_id: 2,
				reply_to: '"Music Cast Support" <support@musiccast.example>',
			},
		]);
		expect(node[0].map((i) => i.json)).toEqual([
			{ messageId: 321, model: 'res.partner', recordId: 7, api: 'jsonrpc', outcome: 'success' },
			{ messageId: 321, model: 'res.partner', recordId: 8, api: 'jsonrpc', outcome: 'success' },
		]);
	});

	test('Odoo 16 gets no body_is_html (it takes HTML as is and refuses the argument); [id] of 18 is normalized too', async () => {
		const kwargs: IDataObject[] = [];
		nock(ODOO)
			.get('/web/version')
			.reply(404, 'not found')
			.post('/jsonrpc', (b) => b.params.service === 'common' && b.params.method === 'version')
			.reply(200, { jsonrpc: '2.0', id: 1, result: { server_version: '16.0', server_version_info: [16, 0, 0, 'final', 0, ''] } })
			.post('/jsonrpc', (b) => b.params.method === 'login')
			.reply(200, { jsonrpc: '2.0', id: 2, result: 5 })
			.post('/jsonrpc', (b) => b.params.method === 'execute_kw' && kwargs.push(b.params.args[6]) > 0)
			.reply(200, { jsonrpc: '2.0', id: 3, result: [55] });

		const { node } = await run(seedParameters, items(payout), jsonrpc);

		expect(kwargs[0]).not.toHaveProperty('body_is_html');
		expect(node[0][0].json.messageId).toBe(55);
	});

	test('a login that fails for a passing reason is not kept for the run: the next item logs in again', async () => {
		let logins = 0;
		nock(ODOO)
			.get('/web/version')
			.reply(200, version(17))
			.post('/jsonrpc', (b) => b.params.method === 'login')
			.times(2)
			.reply(() => (++logins === 1 ? [503, 'Service Unavailable'] : [200, { jsonrpc: '2.0', id: 1, result: 5 }]))
			.post('/jsonrpc', (b) => b.params.method === 'execute_kw')
			.times(2)
			.reply(200, (_u, b) => ({ jsonrpc: '2.0', id: 2, result: (b as { params: { args: unknown[][] } }).params.args[5][0] }));

		const { node } = await run(
			{ ...seedParameters, options: { ...(seedParameters.options as IDataObject), maxRetries: 0, concurrency: 1 } },
			items(payout, { ...payout, partner_id: 8 }, { ...payout, partner_id: 9 }),
			jsonrpc,
			'continueRegularOutput',
		);

		expect(logins).toBe(2);
		expect(node[0].map((i) => i.json.messageId ?? i.json.error)).toEqual(['Odoo is unavailable (HTTP 503)', 8, 9]);
	});

	test('items failing on one shared failure each get their own error, with their own index', async () => {
		nock(ODOO).get('/web/version').reply(200, version(17)).post('/jsonrpc').reply(200, { jsonrpc: '2.0', id: 1, result: false });

		const { node } = await run(seedParameters, items(payout, { ...payout, partner_id: 8 }, { ...payout, partner_id: 9 }), jsonrpc, 'continueErrorOutput');

		const errors = node[1].map((i) => i.error!);
		expect(errors.map((e) => e.message)).toEqual(Array(3).fill('Odoo refused the login "bot@musiccast.example" on database "musiccast"'));
		expect(errors.map((e) => e.context.itemIndex)).toEqual([0, 1, 2]);
		expect(new Set(errors).size).toBe(3);
	});

	test('a `false` login is an error that names the database and login, never the key', async () => {
		nock(ODOO).get('/web/version').reply(200, version(17)).post('/jsonrpc').reply(200, { jsonrpc: '2.0', id: 1, result: false });

		const { error } = await run(seedParameters, items(payout), jsonrpc);

		expect(error?.message).toBe('Odoo refused the login "bot@musiccast.example" on database "musiccast"');
		expect(JSON.stringify(error)).not.toContain(KEY);
	});

	test('an error inside HTTP 200 maps to the status it stands for, without the traceback', async () => {
		nock(ODOO)
			.get('/web/version')
			.reply(200, version(17))
			.post('/jsonrpc', (b) => b.params.method === 'login')
			.reply(200, { jsonrpc: '2.0', id: 1, result: 5 })
			.post('/jsonrpc')
			.reply(200, {
				jsonrpc: '2.0',
				id: 2,
				error: { code: 200, message: 'Odoo Server Error', data: { name: 'odoo.exceptions.MissingError', message: 'Record does not exist or has been deleted.', debug: 'Traceback (most recent call last): SECRET-TRACE' } },
			});

		const { error } = await run(seedParameters, items(payout), jsonrpc);

		expect(error?.message).toBe('Odoo has no such record, model or method: MissingError: Record does not exist or has been deleted.');
		expect(JSON.stringify(error)).not.toContain('SECRET-TRACE');
	});

	test('"Detect" picks JSON-2 on Odoo 19', async () => {
		nock(ODOO).get('/web/version').reply(200, version(19)).post('/json/2/res.partner/message_post').reply(200, [8]);

		const { node } = await run(seedParameters, items(payout), { payoutOdooApi: { ...json2.payoutOdooApi, apiType: 'auto' } });

		expect(node[0][0].json).toMatchObject({ messageId: 8, api: 'json2' });
	});
});
