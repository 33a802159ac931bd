import type {
	IAuthenticateGeneric,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

// Its own type: n8n already ships `odooApi` (password login) and `odooApiKeyApi`.
export class PayoutOdooApi implements ICredentialType {
	name = 'payoutOdooApi';

	displayName = 'Odoo (Payout Notify) API';

	icon = { light: 'file:../nodes/OdooMessagePost/odoo.svg', dark: 'file:../nodes/OdooMessagePost/odoo.dark.svg' } as const;

	documentationUrl = 'https://www.odoo.com/documentation/19.0/developer/reference/external_api.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Odoo URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://mycompany.odoo.com',
			required: true,
			description: 'Address of the Odoo server, without a path',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Create one in Odoo under Settings > Users > your user > API Keys (Odoo 14-18: Preferences > Account Security). Keys expire: at most 3 months on Odoo 19.',
		},
		{
			displayName: 'API',
			name: 'apiType',
			type: 'options',
			options: [
				{ name: 'Detect From Server Version', value: 'auto', description: 'Asks /web/version: JSON-2 on Odoo 19+, JSON-RPC before' },
				{ name: 'JSON-2 (Odoo 19+)', value: 'json2' },
				{ name: 'JSON-RPC (Odoo 14-18)', value: 'jsonrpc' },
			],
			default: 'auto',
		},
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: '',
			placeholder: 'e.g. mycompany',
			description: 'Required for JSON-RPC. For JSON-2, only needed when the server hosts several databases.',
		},
		{
			displayName: 'Login',
			name: 'login',
			type: 'string',
			default: '',
			placeholder: 'e.g. admin@mycompany.com',
			description: 'The user the API key belongs to. Used by JSON-RPC only.',
			displayOptions: { hide: { apiType: ['json2'] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=bearer {{$credentials.apiKey}}' },
		},
	};

}
