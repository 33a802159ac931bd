import type { INodeProperties } from 'n8n-workflow';

import type { DeliveryDefaults } from '../shared/options';
import { deliveryOptions } from '../shared/options';

/** Harasocial's platform throttles at about 4 requests a second: 4 items a second by default. */
export const DELIVERY: DeliveryDefaults = {
	service: 'Harasocial',
	concurrency: 2,
	batchSize: 4,
	batchInterval: 1000,
	concurrencyHint: 'Harasocial\'s platform throttles at about 4 requests a second.',
	batchHint: 'With the default interval of 1000 ms, 4 items per batch stay under Harasocial\'s limit of about 4 requests a second.',
};

export const properties: INodeProperties[] = [
	// The one thing this node does, as an operation: n8n's nodes panel lists it as the node's action
	// ("Send a payload message"), and its text tells an AI agent what the node does. Saved workflows
	// have no value here and get this default.
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Send Payload Message',
				value: 'sendPayload',
				action: 'Send a payload message',
				description: 'Send a published Harasocial flow (payload ID) to a Facebook user through a page',
			},
		],
		default: 'sendPayload',
	},
	{
		displayName: 'Page ID',
		name: 'pageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 500725830264749',
		description: 'ID of the Facebook page that sends the message; the page must be connected to Harasocial',
		hint: 'Digits only. Find it in the page\'s Facebook settings (About > Page transparency) or in Harasocial\'s page list.',
	},
	{
		displayName: 'Recipient PSID',
		name: 'recipientId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2560816460648749',
		description: 'Page-scoped user ID (PSID) of the Facebook user who gets the message. It differs from page to page for the same person.',
		hint: 'Digits only. Take it from the conversation in Harasocial or from the Messenger webhook (sender.ID) of this page. Facebook delivers only within 24 hours of the user\'s last message to the page.',
	},
	{
		displayName: 'Payload ID',
		name: 'payloadId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. __hrf_f_63072efd8d1cc15d16c3848e_s_4d12c525111725943cdbf556bd57687d',
		description: 'The published Harasocial flow to send; the recipient goes through that flow',
		hint: 'In Harasocial: Chat Assistant > Content, open the published flow of this page, click Share Payload and copy the ID (it starts with __hrf_)',
	},
	{
		displayName: 'Metadata',
		name: 'metadata',
		type: 'string',
		default: '',
		placeholder: 'e.g. payout PAY-2026-0042',
		description: 'Optional text of at most 500 characters that Facebook echoes back with the message (message_echoes webhook), e.g. to match it with this run',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Messaging Type',
				name: 'messagingType',
				type: 'options',
				options: [
					{
						name: 'Payload ID (Harasocial_facebook_payload_id)',
						value: 'harasocial_facebook_payload_id',
						description: 'Send a published flow by its payload ID, the only type Harasocial documents',
					},
				],
				default: 'harasocial_facebook_payload_id',
			},
			...deliveryOptions(DELIVERY),
		],
	},
];
