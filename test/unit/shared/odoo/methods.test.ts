// The Odoo node's editor-side methods against the sandbox over real HTTP: the credential test (run
// with n8n-core's own credential-test context) and the record search of the "From list" mode.
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { searchMethods, searchModels, searchRecords, testOdooCredential } from '../../../../nodes/shared/odoo/methods';
import { startSandboxProcess } from '../../../sandboxProcess';

let sandbox: Awaited<ReturnType<typeof startSandboxProcess>>;

beforeAll(async () => {
	sandbox = await startSandboxProcess();
});
afterAll(() => sandbox.stop());

const credential = (data: ICredentialDataDecryptedObject) => ({ id: '1', name: 'Odoo', type: 'payoutOdooApi', data });
const test = (data: ICredentialDataDecryptedObject) => testOdooCredential.call(new CredentialTestContext(), credential(data));

describe('credential test', () => {
	it('detects Odoo 19 and JSON-2 and checks the key', async () => {
		expect(await test({ url: `${sandbox.url}/odoo`, apiKey: 'sandbox-odoo-key', apiType: 'auto' })).toEqual({
			status: 'OK',
			message: 'Connected to Odoo 19.0 with JSON-2; the API key works',
		});
	});

	it('detects Odoo 17 and logs in with JSON-RPC', async () => {
		expect(await test({ url: `${sandbox.url}/odoo17`, apiKey: 'sandbox-odoo-key', apiType: 'auto', database: 'sandbox', login: 'admin' })).toEqual({
			status: 'OK',
			message: 'Connected to Odoo 17.0 with JSON-RPC; the API key works',
		});
	});

	it('says what is wrong with a wrong key, without the key', async () => {
		const result = await test({ url: `${sandbox.url}/odoo`, apiKey: 'wrong-key-1234', apiType: 'json2' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Odoo rejected the API key: it is invalid or expired');
		expect(result.message).not.toContain('wrong-key-1234');
	});

	it('detects Odoo Online from its SaaS version string and uses JSON-2 with the key alone', async () => {
		expect(await test({ url: `${sandbox.url}/odoo-online`, apiKey: 'sandbox-odoo-key', apiType: 'auto' })).toEqual({
			status: 'OK',
			message: 'Connected to Odoo saas~19.1+e with JSON-2; the API key works',
		});
	});

	it('on a server with several databases, asks for the database by name', async () => {
		const result = await test({ url: `${sandbox.url}/odoo-multi`, apiKey: 'sandbox-odoo-key', apiType: 'auto' });
		expect(result).toEqual({
			status: 'Error',
			message:
				'Odoo does not know which database to use (HTTP 404 "No database is selected"). This server hosts several databases: put the name of the one to use in the Odoo credential\'s Database field (it is sent as X-Odoo-Database).',
		});
		expect(await test({ url: `${sandbox.url}/odoo-multi`, apiKey: 'sandbox-odoo-key', apiType: 'auto', database: 'sandbox' })).toMatchObject({ status: 'OK' });
	});

	it('says when a JSON-RPC login is refused', async () => {
		const result = await test({ url: `${sandbox.url}/odoo17`, apiKey: 'wrong-key-1234', apiType: 'jsonrpc', database: 'sandbox', login: 'admin' });
		expect(result).toEqual({
			status: 'Error',
			message: 'Odoo refused the login "admin" on database "sandbox". Check the database name, the login and the API key (or password) in the credential. API keys expire.',
		});
	});
});

/** A load-options context whose authenticated request applies the credential as n8n would. */
function loadOptionsContext(credentials: { url: string; apiKey: string; apiType: string }, model?: string) {
	return {
		getCredentials: async () => credentials,
		getCurrentNodeParameter: (name: string) => (name === 'model' ? model : undefined),
		getNode: () => ({ name: 'Odoo node' }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: { url: string; method: string; body?: unknown; headers?: Record<string, string> }) => {
				const res = await fetch(options.url, {
					method: options.method,
					headers: { ...options.headers, authorization: `bearer ${credentials.apiKey}` },
					body: options.body === undefined ? undefined : JSON.stringify(options.body),
				});
				return { statusCode: res.status, headers: { 'content-type': res.headers.get('content-type') }, body: await res.json() };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}

describe('model and method lists (Odoo Call Method)', () => {
	it('lists Odoo\'s models from ir.model, searched by technical or display name', async () => {
		const ctx = loadOptionsContext({ url: `${sandbox.url}/odoo`, apiKey: 'sandbox-odoo-key', apiType: 'json2' });
		expect((await searchModels.call(ctx, 'journal')).results).toEqual([
			{ name: 'Journal (account.journal)', value: 'account.journal' },
			{ name: 'Journal Entry (account.move)', value: 'account.move' },
			{ name: 'Journal Item (account.move.line)', value: 'account.move.line' },
		]);
		expect((await searchModels.call(ctx, 'res.partner')).results.map((r) => r.value)).toEqual(['res.partner', 'res.partner.bank']);
	});

	it('suggests the common methods, and offers what was typed', async () => {
		const ctx = loadOptionsContext({ url: '', apiKey: '', apiType: 'json2' });
		// What was typed comes first, so a method the list does not know is one click away.
		expect((await searchMethods.call(ctx, 'post')).results).toEqual([
			{ name: 'post', value: 'post' },
			{ name: 'action_post: Post (confirm) the given journal entries or invoices', value: 'action_post' },
			{ name: 'message_post: Post a chatter message on one record', value: 'message_post' },
		]);
		expect((await searchMethods.call(ctx, 'button_draft')).results).toEqual([{ name: 'button_draft', value: 'button_draft' }]);
	});
});

describe('record search ("From list")', () => {
	it('lists records of the chosen model by name through name_search', async () => {
		const ctx = loadOptionsContext({ url: `${sandbox.url}/odoo`, apiKey: 'sandbox-odoo-key', apiType: 'json2' }, 'res.partner');

		const { results } = await searchRecords.call(ctx, 'Ada');

		expect(results).toEqual([{ name: 'Ada Lovelace (7)', value: '7' }]);
	});
});
