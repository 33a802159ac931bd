import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { ChannelSpec, MethodSpec, Reference } from './channels';
import { CHANNELS, REFERENCE_LABELS, combinations } from './channels';
import { operationFor } from './operations';

// Version 1 picks Channel + Method, version 2 one Operation (operations.ts). A field that depends
// on that choice comes twice, once for each version, under the same name, so it keeps its value.
const emailOnly = { show: { channel: ['email'] } };
const emailOperationOnly = { show: { operation: ['sendEmail'] } };
const showFor = (channel: ChannelSpec, method: MethodSpec) => ({ show: { channel: [channel.value], method: [method.value] } });

function operationOf(channel: ChannelSpec, method: MethodSpec): string {
	const operation = operationFor(channel.value, method.value);
	if (!operation) throw new Error(`no operation for ${channel.value} ${method.value}`);
	return operation.value;
}

/** The field for version 1 (Channel + Method) and its twin for version 2 (Operation). */
export function perVersion(field: INodeProperties, v1: IDisplayOptions, v2: IDisplayOptions): INodeProperties[] {
	return [
		{ ...field, displayOptions: v1 },
		{ ...field, displayOptions: v2 },
	];
}
const perCombination = (channel: ChannelSpec, method: MethodSpec, field: INodeProperties) =>
	perVersion(field, showFor(channel, method), { show: { operation: [operationOf(channel, method)] } });

// One Method field per channel: each lists the methods its channel has (channels.ts).
const methodFields: INodeProperties[] = CHANNELS.map((channel) => {
	const first = channel.methods[0].value;
	return {
		displayName: 'Method',
		name: 'method',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { channel: [channel.value] } },
		options: channel.methods.map((m) => ({ name: m.name, value: m.value, description: m.description })),
		default: first,
	};
});

const FROM_HELP: Record<ChannelSpec['address'], string> = {
	email: 'Sender email address: a mailbox of the chosen connection',
	phone: 'WhatsApp number of the connection, with country code',
	account: 'Account of the connection that sends (page, account ID or screen name, as in the examples)',
};

const TO_HELP: Record<ChannelSpec['address'], string> = {
	email: 'Recipients, comma-separated. A display name may be given as "Name" &lt;address&gt;.',
	phone: 'WhatsApp number of the recipient, with country code (spaces, dashes and a leading + are removed)',
	account: 'Account the message goes to (user ID or screen name, as in the examples)',
};

// From and To per channel and method: what they hold differs (an email, a number, a page ID, a screen name).
const addressFields: INodeProperties[] = combinations().flatMap(({ channel, method }) => [
	...perCombination(channel, method, {
		displayName: 'From',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: method.fromExample,
		description: FROM_HELP[channel.address],
	}),
	...perCombination(channel, method, {
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: method.toExample,
		description: TO_HELP[channel.address],
	}),
]);

const REFERENCE_HELP: Record<Reference, string> = {
	conversationId: 'Onebox ID of the conversation to answer in (private replies)',
	previousId: 'Onebox ID of the message to answer (public replies: comments, mentions; Twitter direct messages)',
};

// Conversation ID and Previous Message ID, only where the method takes them.
const referenceFields: INodeProperties[] = combinations().flatMap(({ channel, method }) =>
	method.references.flatMap((reference) => {
		const alone = method.requiresOneOf.length === 1 && method.requiresOneOf[0] === reference;
		const either = method.requiresOneOf.length > 1 && method.requiresOneOf.includes(reference);
		return perCombination(channel, method, {
			displayName: REFERENCE_LABELS[reference].displayName,
			name: reference,
			type: 'string',
			required: alone,
			default: '',
			placeholder: reference === 'conversationId' ? 'e.g. 222536' : 'e.g. 63964',
			description: REFERENCE_HELP[reference],
			hint: either ? `Fill this or ${method.requiresOneOf.filter((r) => r !== reference).map((r) => REFERENCE_LABELS[r].displayName).join(', ')}` : undefined,
		});
	}),
);

// Sender name, Cc and Bcc exist for email only.
const EMAIL_FIELDS: INodeProperties[] = [
	{
		displayName: 'Sender Name',
		name: 'fromName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Onebox Support',
		description: 'Display name of the sender (Users, role MSR1). Empty uses the address.',
	},
	{
		displayName: 'Cc',
		name: 'cc',
		type: 'string',
		default: '',
		placeholder: 'e.g. finance@company.com',
		description: 'Copy recipients, comma-separated; "Name" &lt;address&gt; allowed',
	},
	{
		displayName: 'Bcc',
		name: 'bcc',
		type: 'string',
		default: '',
		placeholder: 'e.g. archive@company.com',
		description: 'Blind copy recipients, comma-separated; "Name" &lt;address&gt; allowed',
	},
];
const emailFields = EMAIL_FIELDS.flatMap((field) => perVersion(field, emailOnly, emailOperationOnly));

/** The fields the chosen channel and method decide, in the form's order. */
export const channelFields: INodeProperties[] = [...methodFields, ...addressFields, ...emailFields, ...referenceFields];
