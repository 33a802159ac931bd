import type { INodeProperties } from 'n8n-workflow';

import type { DeliveryDefaults } from '../shared/options';
import { deliveryOptions } from '../shared/options';
import { CHANNELS } from './channels';
import { channelFields, perVersion } from './channelFields';
import { DEFAULT_OPERATION, OPERATIONS } from './operations';

// Version 1 picks Channel + Method, version 2 one Operation (operations.ts); the fields that
// depend on that choice are in channelFields.ts.
const V1_ONLY = { show: { '@version': [1] } };
const V2_ONLY = { show: { '@version': [2] } };

/** Onebox publishes no rate limit but throttles (429) per account: two at a time by default. */
export const DELIVERY: DeliveryDefaults = {
	service: 'Onebox',
	concurrency: 2,
	batchSize: 0,
	batchInterval: 0,
	concurrencyHint: 'Onebox has no documented rate limit but answers 429 when throttling; its quota is counted per account.',
	batchHint: 'Set a batch size and interval if Onebox throttles a large run.',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: V2_ONLY,
		options: OPERATIONS.map((o) => ({ name: o.name, value: o.value, action: o.action, description: o.description })),
		default: DEFAULT_OPERATION,
	},
	{
		displayName: 'Connection',
		name: 'connectionId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Onebox connection (mailbox, WhatsApp number, page or account) that sends the message',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchConnections', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 583',
				hint: 'The numeric connection ID shown in Onebox',
				validation: [{ type: 'regex', properties: { regex: '^\\s*[0-9]+\\s*$', errorMessage: 'The connection ID is a whole number' } }],
			},
		],
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		noDataExpression: true,
		options: CHANNELS.map((c) => ({ name: c.name, value: c.value })),
		default: 'email',
		description: 'The channel of the connection; it decides the methods and fields below',
		displayOptions: V1_ONLY,
	},
	...channelFields,
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		placeholder: 'e.g. Your royalties payout',
		description: 'Required for email. Onebox wants a subject on every channel: when empty, the first line of the text is used.',
	},
	{
		displayName: 'Body Format',
		name: 'bodyFormat',
		type: 'options',
		options: [
			{ name: 'HTML', value: 'html', description: 'Sent as written. Escape values from incoming data yourself.' },
			{
				name: 'Plain Text',
				value: 'text',
				description: 'Sent as plain text (ContentType text/plain), exactly as written: no tags or entities reach the recipient',
			},
		],
		default: 'text',
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		required: true,
		placeholder: 'e.g. Your payout PAY-42 has been sent.',
		description: 'The message. For a Twitter mention or reply, name the customer in it, e.g. @agung4ldiana.',
	},
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attachment',
		default: {},
		description: 'Files sent with the message. Some channels and methods send only the first one.',
		options: [
			{
				displayName: 'From Binary Property',
				name: 'binary',
				values: [
					{
						displayName: 'Binary Property',
						name: 'property',
						type: 'string',
						default: 'data',
						required: true,
						description: 'Name of the input item\'s binary property holding the file',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description: 'Description of the attachment. Empty uses the file name.',
					},
					{
						displayName: 'File Date',
						name: 'fileDate',
						type: 'string',
						default: '',
						placeholder: 'e.g. 2026-11-22 09:30:00',
						description: 'Creation date of the file. Empty uses the current time in the workflow\'s time zone.',
					},
					{
						displayName: 'File Name',
						name: 'fileName',
						type: 'string',
						default: '',
						placeholder: 'e.g. statement.pdf',
						description: 'Empty uses the binary\'s file name',
					},
				],
			},
			{
				displayName: 'From URL',
				name: 'url',
				values: [
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description: 'Description of the attachment. Empty uses the file name.',
					},
					{
						displayName: 'File Name',
						name: 'fileName',
						type: 'string',
						default: '',
						placeholder: 'e.g. statement.pdf',
						description: 'Empty uses the last part of the URL\'s path',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'e.g. https://files.example.com/statement.pdf',
						description: 'Public http(s) address Onebox downloads the file from',
					},
				],
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
			{
				displayName: 'Include Raw Response',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description: 'Whether to add the whole created message as Onebox returned it, under "raw"',
			},
			{
				displayName: 'Max Attachment Size (MB)',
				name: 'maxAttachmentMb',
				type: 'number',
				default: 10,
				typeOptions: { minValue: 0.1, numberPrecision: 1 },
				description: 'Largest total size of the binary attachments of one item; a larger item fails before anything is sent',
			},
			{
				displayName: 'Method ID',
				name: 'methodId',
				type: 'options',
				options: [
					{ name: 'COMMENT', value: 'COMMENT' },
					{ name: 'DIRECT', value: 'DIRECT' },
					{ name: 'From Channel and Method', value: 'default', description: 'What the Onebox examples send for the chosen method' },
					{ name: 'MENTION', value: 'MENTION' },
					{ name: 'None (Null)', value: 'null' },
					{ name: 'POST', value: 'POST' },
				],
				default: 'default',
				description: 'The MethodId sent to Onebox. Only change it when Onebox support says so.',
			},
			{
				displayName: 'Plain Text Alternative',
				name: 'bodyText',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'BodyText sent with the message. Empty derives it from the text.',
			},
			{
				displayName: 'Previous Remote ID',
				name: 'prevRemoteId',
				type: 'string',
				default: '',
				description: 'The channel\'s own ID of the message answered (PrevRemoteId), when Onebox asks for it',
			},
			...perVersion(
				{
					displayName: 'Users (JSON)',
					name: 'users',
					type: 'json',
					default: '',
					placeholder: 'e.g. [{"IdentityId": "a@b.co", "Name": "A", "RoleId": "MSR2"}]',
					description:
						'Replaces the Users list the node builds from From, To, Cc and Bcc. Each entry: IdentityId, Name, RoleId (MSR1 sender, MSR2 to, MSR3 cc, MSR4 bcc).',
				},
				{ show: { '/channel': ['email'] } },
				{ show: { '/operation': ['sendEmail'] } },
			),
			...deliveryOptions(DELIVERY),
		],
	},
];
