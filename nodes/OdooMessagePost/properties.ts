import type { INodeProperties } from 'n8n-workflow';

import { ODOO_DELIVERY } from '../shared/odoo/odooClient';
import { deliveryOptions } from '../shared/options';
import { FAILURE_TEXT, SUCCESS_TEXT } from './payoutMessage';

const payoutOnly = { show: { messageSource: ['payout'] } };
const customOnly = { show: { messageSource: ['custom'] } };

const fields: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: 'res.partner',
		required: true,
		placeholder: 'e.g. account.move',
		description: 'Technical name of the Odoo model to post on. Any model with a chatter works: res.partner, account.move, sale.order, ….',
	},
	{
		displayName: 'Record',
		name: 'recordId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The record whose chatter gets the message',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchRecords', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 7',
				hint: 'The numeric database ID, e.g. the partner ID found by an earlier Odoo step',
				validation: [{ type: 'regex', properties: { regex: '^\\s*[0-9]+\\s*$', errorMessage: 'The record ID is a whole number' } }],
			},
		],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@version': [2] } },
		options: [
			{ name: 'Post Message', value: 'custom', action: 'Post a message', description: 'Post a message you write on the record\'s chatter' },
			{
				name: 'Post Payout Message',
				value: 'payout',
				action: 'Post a payout message',
				description: 'Post the positive or the "we are reviewing" payout text, filled with the payout details',
			},
		],
		default: 'payout',
	},
	{
		displayName: 'Message',
		name: 'messageSource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@version': [1] } },
		options: [
			{
				name: 'Payout Notification',
				value: 'payout',
				description: 'The positive or the "we are reviewing" payout text, filled with the payout details',
			},
			{ name: 'Custom Message', value: 'custom', description: 'A body you write yourself' },
		],
		default: 'payout',
	},
	{
		displayName: 'Outcome',
		name: 'outcome',
		type: 'options',
		displayOptions: payoutOnly,
		options: [
			{
				name: 'Detect From Incoming Item',
				value: 'auto',
				description: 'Failure when the item carries an error (it came from an error output), success otherwise',
			},
			{ name: 'Success', value: 'success', description: 'Always post the success text' },
			{ name: 'Failure', value: 'failure', description: 'Always post the "we are reviewing" text' },
		],
		default: 'auto',
		hint: 'Connect the success branch and every error output of the payout steps to this node: each item gets the right text',
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		displayOptions: payoutOnly,
		default: '={{ $json.reference }}',
		placeholder: 'e.g. PAY-2026-0042',
		description: 'Fills {reference}. On an error branch the item holds the error, so read the value from an earlier node with an expression.',
	},
	{
		displayName: 'Date',
		name: 'date',
		type: 'string',
		displayOptions: payoutOnly,
		default: '={{ $json.date }}',
		placeholder: 'e.g. 2026-11-22',
		description: 'Fills {date}',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		displayOptions: payoutOnly,
		default: '={{ $json.amount }}',
		placeholder: 'e.g. 125.50',
		description: 'Fills {amount}, as written (format it in the expression if needed)',
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		displayOptions: payoutOnly,
		default: '={{ $json.currency }}',
		placeholder: 'e.g. EUR',
		description: 'Fills {currency}',
	},
	{
		displayName: 'Payout Link',
		name: 'payoutLink',
		type: 'string',
		displayOptions: payoutOnly,
		default: '={{ $json.payout_link }}',
		placeholder: 'e.g. https://pay.example.com/status/PAY-2026-0042',
		description: 'Fills {payout_link}; must start with http:// or https://. Only needed when the chosen text uses it.',
	},
	{
		displayName: 'Success Text',
		name: 'successText',
		type: 'string',
		typeOptions: { rows: 6 },
		displayOptions: payoutOnly,
		default: SUCCESS_TEXT,
		description:
			'Posted when the payout succeeded. Plain text; {reference}, {date}, {amount}, {currency} and {payout_link} are replaced and HTML-escaped.',
	},
	{
		displayName: 'Failure Text',
		name: 'failureText',
		type: 'string',
		typeOptions: { rows: 6 },
		displayOptions: payoutOnly,
		default: FAILURE_TEXT,
		description: 'Posted when a payout step failed. Same placeholders as the success text.',
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 5 },
		displayOptions: customOnly,
		default: '',
		required: true,
		placeholder: 'e.g. Your statement for October is ready.',
		description: 'The message to post. Plain text unless Body Format is HTML.',
	},
	{
		displayName: 'Body Format',
		name: 'bodyFormat',
		type: 'options',
		displayOptions: customOnly,
		options: [
			{ name: 'Plain Text', value: 'text', description: 'Escaped and line breaks kept: safe for text from incoming data' },
			{ name: 'HTML', value: 'html', description: 'Sent as HTML (Odoo still removes scripts). Escape values from incoming data yourself.' },
		],
		default: 'text',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		placeholder: 'e.g. Your royalties payout',
		description: 'Optional subject, used as the email subject of the notification',
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		options: [
			{
				name: 'Message (Notify Followers)',
				value: 'comment',
				description: 'Visible to the customer; followers and the partners below get it by email',
			},
			{ name: 'Internal Note', value: 'note', description: 'Visible to internal users only; notifies only the partners below' },
		],
		default: 'comment',
	},
	{
		displayName: 'Notify the Partner Itself',
		name: 'notifyRecordPartner',
		type: 'boolean',
		default: true,
		description: 'Whether to add the record to the notified partners when posting on a res.partner record, as the payout workflow does',
	},
	{
		displayName: 'Additional Partner IDs to Notify',
		name: 'partnerIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12, 15',
		description: 'Comma-separated partner IDs, or an expression that returns an array of IDs',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Attachments (Binary Properties)',
				name: 'attachments',
				type: 'string',
				default: '',
				placeholder: 'e.g. data, statement',
				description: 'Comma-separated names of the input item\'s binary properties to attach to the message',
			},
			{
				displayName: 'Author Partner ID',
				name: 'authorId',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'Partner shown as the author, e.g. 2 for the support user. 0 uses the API key\'s user.',
			},
			{
				displayName: 'Email From',
				name: 'emailFrom',
				type: 'string',
				default: '',
				placeholder: 'e.g. "Music Cast Support" <support@musiccast.example>',
			},
			{
				displayName: 'Language',
				name: 'lang',
				type: 'string',
				default: '',
				placeholder: 'e.g. en_US',
				description: 'Language code passed to Odoo as context (affects translated texts Odoo adds)',
			},
			{
				displayName: 'Parent Message ID',
				name: 'parentId',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'Post as a reply to this message. 0 for none.',
			},
			{
				displayName: 'Reply To',
				name: 'replyTo',
				type: 'string',
				default: '',
				placeholder: 'e.g. "Music Cast Support" <support@musiccast.example>',
				description: 'Address replies to the notification email go to',
			},
			...deliveryOptions(ODOO_DELIVERY),
		],
	},
];

// Version 1 chooses the message in Message (messageSource), version 2 in Operation, with the same
// values: each field shown for one of them comes twice, once per version, under the same name.
function twins(field: INodeProperties): INodeProperties[] {
	const source = field.displayOptions === payoutOnly ? 'payout' : field.displayOptions === customOnly ? 'custom' : undefined;
	if (!source) return [field];
	return [
		{ ...field, displayOptions: { show: { messageSource: [source], '@version': [1] } } },
		{ ...field, displayOptions: { show: { operation: [source], '@version': [2] } } },
	];
}

export const properties: INodeProperties[] = fields.flatMap(twins);
