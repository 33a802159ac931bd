import { z } from 'zod';

import { isHttpUrl } from '../shared/urls';
import { optionalRecordId, recordId } from '../shared/values';
import type { ChannelSpec, MethodSpec, OneboxMethodId, Reference } from './channels';
import { CHANNEL_KEYS, REFERENCE_LABELS, channelSpec, methodSpec } from './channels';

const trimmed = z
	.union([z.string(), z.number(), z.null(), z.undefined()])
	.transform((v) => (v === null || v === undefined ? '' : String(v).trim()));

export interface Address {
	address: string;
	name?: string;
}

/** Splits "a@x.com, "Doe, Jane" <j@x.com>; b@y.com" on commas and semicolons outside quotes and <>. */
export function splitAddressList(value: string): string[] {
	const parts: string[] = [];
	let current = '';
	let quoted = false;
	let angle = false;
	for (const char of value) {
		if (char === '"') quoted = !quoted;
		else if (char === '<' && !quoted) angle = true;
		else if (char === '>' && !quoted) angle = false;
		if ((char === ',' || char === ';') && !quoted && !angle) {
			parts.push(current);
			current = '';
		} else {
			current += char;
		}
	}
	parts.push(current);
	return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const emailAddress = z.string().email();

function parseAddress(part: string): Address {
	const named = /^(?:"?([^"<]*?)"?\s*)?<\s*([^<>\s]+)\s*>$/.exec(part);
	if (named) return { address: named[2], name: named[1]?.trim() || undefined };
	return { address: part };
}

const addressList = (field: string, required: boolean) =>
	trimmed.transform((value, ctx) => {
		const list = splitAddressList(value).map(parseAddress);
		if (required && list.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${field} is empty` });
		for (const entry of list) {
			if (!emailAddress.safeParse(entry.address).success) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${field}: "${entry.address}" is not a valid email address` });
			}
		}
		return list;
	});

/** WhatsApp numbers as Onebox writes them: digits only, country code first (6282210695424). */
export function normalizePhone(value: string): string {
	return value.replace(/[\s().-]/g, '').replace(/^\+/, '');
}

const user = z
	.object({
		IdentityId: z.string().min(1, 'Each user needs an IdentityId'),
		Name: z.string().optional(),
		RoleId: z.enum(['MSR1', 'MSR2', 'MSR3', 'MSR4'], { errorMap: () => ({ message: 'Each user\'s RoleId must be MSR1 (sender), MSR2 (to), MSR3 (cc) or MSR4 (bcc)' }) }),
	})
	.passthrough();

/** The Users option: a JSON text or an array (from an expression); empty means "build it". */
const usersOverride = z
	.union([z.string(), z.array(z.unknown()), z.null(), z.undefined()])
	.transform((raw, ctx) => {
		if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return undefined;
		if (typeof raw !== 'string') return raw;
		try {
			return JSON.parse(raw) as unknown;
		} catch {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Users (JSON) is not valid JSON' });
			return z.NEVER;
		}
	})
	.pipe(z.union([z.undefined(), z.array(user, { errorMap: () => ({ message: 'Users (JSON) must be an array of users' }) }).min(1)]));

const METHOD_ID_OVERRIDES = ['default', 'DIRECT', 'POST', 'MENTION', 'COMMENT', 'null'] as const;

const binaryAttachment = z.object({
	property: trimmed.pipe(z.string().min(1, 'An attachment has no binary property name')),
	description: trimmed,
	fileName: trimmed,
	fileDate: trimmed,
});

const urlAttachment = z.object({
	url: trimmed.refine(isHttpUrl, (url) => ({ message: `Attachment URL "${url}" must be a public http:// or https:// address` })),
	description: trimmed,
	fileName: trimmed,
});

export type BinaryAttachment = z.output<typeof binaryAttachment>;
export type UrlAttachment = z.output<typeof urlAttachment>;

const parameters = z.object({
	connectionId: recordId('Connection ID'),
	channel: z.enum(CHANNEL_KEYS, { errorMap: () => ({ message: `Channel must be one of ${CHANNEL_KEYS.join(', ')}` }) }),
	method: trimmed,
	from: trimmed,
	fromName: trimmed,
	to: trimmed,
	cc: trimmed,
	bcc: trimmed,
	subject: trimmed,
	body: z.union([z.string(), z.number()]).transform(String).refine((s) => s.trim() !== '', 'The message text is empty'),
	bodyFormat: z.enum(['html', 'text']),
	bodyText: trimmed,
	conversationId: optionalRecordId('Conversation ID'),
	previousId: optionalRecordId('Previous Message ID'),
	prevRemoteId: trimmed,
	users: usersOverride,
	methodId: z.enum(METHOD_ID_OVERRIDES),
	binaryAttachments: z.array(binaryAttachment),
	urlAttachments: z.array(urlAttachment),
	maxAttachmentMb: z.number({ invalid_type_error: 'Max Attachment Size (MB) must be a number' }).positive('Max Attachment Size (MB) must be above 0'),
	includeRaw: z.boolean(),
});

export type RawParameters = z.input<typeof parameters>;

/** The editor's names of the fields, for validation messages. */
export const FIELD_LABELS: Record<string, string> = {
	connectionId: 'Connection',
	channel: 'Channel',
	method: 'Method',
	from: 'From',
	fromName: 'Sender Name',
	to: 'To',
	cc: 'Cc',
	bcc: 'Bcc',
	subject: 'Subject',
	body: 'Body',
	bodyFormat: 'Body Format',
	bodyText: 'Plain Text Alternative',
	conversationId: 'Conversation ID',
	previousId: 'Previous Message ID',
	prevRemoteId: 'Previous Remote ID',
	users: 'Users (JSON)',
	methodId: 'Method ID',
	binaryAttachments: 'Attachments From Binary Property',
	urlAttachments: 'Attachments From URL',
	property: 'Binary Property',
	description: 'Description',
	fileName: 'File Name',
	fileDate: 'File Date',
	url: 'URL',
	maxAttachmentMb: 'Max Attachment Size (MB)',
	includeRaw: 'Include Raw Response',
};

/** One item's message, validated against the channel x method matrix. */
export interface MessageInput {
	connectionId: number;
	channel: ChannelSpec;
	method: MethodSpec;
	methodId: OneboxMethodId;
	from: string;
	fromName: string;
	/** Email: the parsed To, Cc and Bcc lists. Other channels: `to` only. */
	to: Address[];
	cc: Address[];
	bcc: Address[];
	subject: string;
	body: string;
	bodyFormat: 'html' | 'text';
	bodyText: string;
	references: Partial<Record<Reference, number>>;
	prevRemoteId: string;
	users?: Array<z.output<typeof user>>;
	binaryAttachments: BinaryAttachment[];
	urlAttachments: UrlAttachment[];
	maxAttachmentMb: number;
	includeRaw: boolean;
}

export const messageInput = parameters.transform((p, ctx): MessageInput => {
	const channel = channelSpec(p.channel)!;
	const method = methodSpec(p.channel, p.method);
	if (!method) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			message: `${channel.name} has no method "${p.method}"; choose one of ${channel.methods.map((m) => m.name).join(', ')}`,
		});
		return z.NEVER;
	}
	const issue = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });

	const references: MessageInput['references'] = {};
	for (const reference of method.references) {
		if (p[reference] !== undefined) references[reference] = p[reference];
	}
	if (method.requiresOneOf.length && method.requiresOneOf.every((r) => references[r] === undefined)) {
		const names = method.requiresOneOf.map((r) => REFERENCE_LABELS[r].displayName).join(' or ');
		issue(`${channel.name} ${method.name} needs the ${names} of the message or conversation it answers`);
	}

	let from = p.from;
	let to: Address[] = [];
	let cc: Address[] = [];
	let bcc: Address[] = [];
	if (from === '') issue('From is empty');
	if (channel.address === 'email') {
		if (from !== '' && !emailAddress.safeParse(from).success) issue(`From: "${from}" is not a valid email address`);
		const lists = {
			to: addressList('To', true).safeParse(p.to),
			cc: addressList('Cc', false).safeParse(p.cc),
			bcc: addressList('Bcc', false).safeParse(p.bcc),
		};
		for (const result of Object.values(lists)) if (!result.success) result.error.issues.forEach((i) => issue(i.message));
		if (p.subject === '') issue('An email needs a subject');
		if (!lists.to.success || !lists.cc.success || !lists.bcc.success) return z.NEVER;
		[to, cc, bcc] = [lists.to.data, lists.cc.data, lists.bcc.data];
	} else {
		if (p.to === '') issue('To is empty');
		to = p.to === '' ? [] : [{ address: p.to }];
		if (channel.address === 'phone') {
			from = normalizePhone(from);
			to = to.map((t) => ({ address: normalizePhone(t.address) }));
			for (const [field, value] of [['From', from], ['To', to[0]?.address ?? '']]) {
				if (value !== '' && !/^\d{6,15}$/.test(value)) issue(`${field}: "${value}" is not a phone number with country code, e.g. 6282210695424`);
			}
		}
	}

	if (method.textMustMention && !/@\w+/.test(p.bodyText || p.body)) {
		issue(`A Twitter ${method.name.toLowerCase()} must name the customer in the text, e.g. "@agung4ldiana Thank you"`);
	}

	return {
		connectionId: p.connectionId,
		channel,
		method,
		methodId: p.methodId === 'default' ? method.methodId : p.methodId === 'null' ? null : p.methodId,
		from,
		fromName: p.fromName,
		to,
		cc,
		bcc,
		subject: p.subject,
		body: p.body,
		bodyFormat: p.bodyFormat,
		bodyText: p.bodyText,
		references,
		prevRemoteId: p.prevRemoteId,
		users: p.users,
		binaryAttachments: p.binaryAttachments,
		urlAttachments: p.urlAttachments,
		maxAttachmentMb: p.maxAttachmentMb,
		includeRaw: p.includeRaw,
	};
});
