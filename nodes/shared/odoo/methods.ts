import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	ILoadOptionsFunctions,
	INodeCredentialTestResult,
	INodeListSearchResult,
} from 'n8n-workflow';

import { LOOKUP_RETRY, LOOKUP_TIMEOUT_MS } from '../delivery';
import { redact } from '../errors';
import { credentialTestNode, credentialTestRequest } from '../n8nHttp';
import type { OdooCredentials } from './odooClient';
import { OdooClient } from './odooClient';
import { CALLING } from './odooErrors';

/** "From list" mode of the record locator: Odoo's own name search on the chosen model. */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const model = String(this.getCurrentNodeParameter('model') ?? 'res.partner');
	const client = await OdooClient.forNode(this, LOOKUP_RETRY, LOOKUP_TIMEOUT_MS);
	const found = (await client.call(model, 'name_search', undefined, { name: filter ?? '', limit: 50 })) as Array<[number, string]>;
	return { results: found.map(([id, name]) => ({ name: `${name} (${id})`, value: String(id) })) };
}

/**
 * The credential test n8n runs from the credential form. It checks the key the way the node will
 * use it and says which API and version it found.
 */
export async function testOdooCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data as OdooCredentials;
	const test = credentialTestNode('Odoo credential test', 'odooMessagePost');
	const client = new OdooClient(credentialTestRequest(this, `bearer ${String(data?.apiKey)}`), test, data, LOOKUP_RETRY, LOOKUP_TIMEOUT_MS);
	try {
		const version = await client.serverVersion().catch(() => undefined);
		const api = await client.api();
		await client.call('res.users', 'context_get', undefined, {}, 'the user');
		const where = version ? `Odoo ${version.version}` : 'Odoo';
		return { status: 'OK', message: `Connected to ${where} with ${api === 'json2' ? 'JSON-2' : 'JSON-RPC'}; the API key works` };
	} catch (error) {
		const { message, description } = error as { message: string; description?: string };
		return { status: 'Error', message: redact(description ? `${message}. ${description}` : message, [data.apiKey]) };
	}
}

/** "From list" mode of the model locator: the models Odoo lists in ir.model. */
export async function searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await OdooClient.forNode(this, LOOKUP_RETRY, LOOKUP_TIMEOUT_MS);
	const needle = (filter ?? '').trim();
	const domain: unknown[] = [['transient', '=', false]];
	if (needle) domain.push('|', ['model', 'ilike', needle], ['name', 'ilike', needle]);
	const found = (await client.call('ir.model', 'search_read', undefined, { domain, fields: ['model', 'name'], limit: 100, order: 'model' }, 'ir.model', {
		action: CALLING,
		readOnly: true,
	})) as Array<{ model: string; name: string }>;
	return { results: found.map(({ model, name }) => ({ name: `${name} (${model})`, value: model })) };
}

/** The methods most workflows call; the "By Name" mode takes any other. */
const COMMON_METHODS: Array<[string, string]> = [
	['search_read', 'Find records and read their fields'],
	['read', 'Read fields of the given records'],
	['search_count', 'Count the records that match a domain'],
	['name_search', 'Find records by name'],
	['create', 'Create records from a list of values'],
	['write', 'Change fields of the given records'],
	['unlink', 'Delete the given records'],
	['action_post', 'Post (confirm) the given journal entries or invoices'],
	['message_post', 'Post a chatter message on one record'],
	['fields_get', 'Describe the model\'s fields'],
];

/** "From list" mode of the method locator: the common methods, and whatever was typed. */
export async function searchMethods(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim();
	const results = COMMON_METHODS.filter(([name, what]) => !needle || name.includes(needle) || what.toLowerCase().includes(needle.toLowerCase())).map(
		([name, what]) => ({ name: `${name}: ${what}`, value: name }),
	);
	if (/^[a-zA-Z][a-zA-Z0-9_]*$/.test(needle) && !COMMON_METHODS.some(([name]) => name === needle)) {
		results.unshift({ name: needle, value: needle });
	}
	return { results };
}
