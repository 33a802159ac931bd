import type { INodeProperties } from 'n8n-workflow';

import { ODOO_DELIVERY } from '../shared/odoo/odooClient';
import { deliveryOptions } from '../shared/options';

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Call Method',
				value: 'callMethod',
				action: 'Call a method',
				description: 'Run any public method of a model: search_read, create, write, action_post, …',
			},
		],
		default: 'callMethod',
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Odoo model whose method to call',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchModels', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. account.move',
				hint: 'The technical name, as in Settings > Technical > Models',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*[a-z_][a-z0-9_]*(\\.[a-z0-9_]+)+\\s*$', errorMessage: 'A technical name such as res.partner' },
					},
				],
			},
		],
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'resourceLocator',
		default: { mode: 'list', value: 'search_read' },
		required: true,
		description: 'The method to call. Methods whose name starts with "_" are private: Odoo refuses them from outside.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchMethods', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. action_post',
				validation: [
					{ type: 'regex', properties: { regex: '^\\s*[a-zA-Z][a-zA-Z0-9_]*\\s*$', errorMessage: 'A method name such as search_read' } },
				],
			},
		],
	},
	{
		displayName: 'Record IDs',
		name: 'recordIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 7, 8',
		description:
			'The records to call the method on (read, write, unlink, action_post, message_post, …): comma-separated IDs, or an expression that returns an array. Leave empty for model-level methods (search_read, create, name_search, …).',
	},
	{
		displayName: 'Arguments',
		name: 'arguments',
		type: 'json',
		default: '{}',
		description:
			'The method\'s arguments by name, as a JSON object, e.g. {"domain": [["ref", "=", "RH-0007"]], "fields": ["name", "email"], "limit": 1}. Expressions are allowed.',
		hint: 'search_read: domain, fields, limit, order · create: vals_list · write: vals · name_search: name, limit',
	},
	{
		displayName: 'Context',
		name: 'context',
		type: 'collection',
		placeholder: 'Add Context Value',
		default: {},
		description: 'Sent as the call\'s context: the language of translated fields, the time zone, the companies to work in',
		options: [
			{
				displayName: 'Active Records Only',
				name: 'active_test',
				type: 'boolean',
				default: true,
				description: 'Whether searches skip archived records (Odoo\'s active_test)',
			},
			{
				displayName: 'Allowed Company IDs',
				name: 'allowed_company_ids',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1, 3',
				description: 'Comma-separated company IDs; the first is the current company',
			},
			{
				displayName: 'Language',
				name: 'lang',
				type: 'string',
				default: '',
				placeholder: 'e.g. en_US',
			},
			{
				displayName: 'Other Values (JSON)',
				name: 'extra',
				type: 'json',
				default: '{}',
				description: 'Any other context keys, as a JSON object, e.g. {"default_journal_id": 1}',
			},
			{
				displayName: 'Time Zone',
				name: 'tz',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Brussels',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...deliveryOptions(ODOO_DELIVERY),
			{
				displayName: 'Split Into Items',
				name: 'splitIntoItems',
				type: 'boolean',
				default: false,
				description:
					'Whether a result that is a list of records (search_read, read, …) becomes one item per record, each paired with its input item. Otherwise each input item gives one item {result}.',
			},
		],
	},
];
