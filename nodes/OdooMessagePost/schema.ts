import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { textToHtml } from '../shared/html';
import { inOrder, parseInto } from '../shared/validation';
import { httpUrl, optionalRecordId, placeholderText, recordId, recordIdList } from '../shared/values';
import type { Outcome, PayoutValues, Placeholder } from './payoutMessage';
import { placeholdersIn, renderPayoutHtml } from './payoutMessage';

/** One item's parameters as postMessage.ts reads them, before they are checked. */
export interface ItemParameters {
	model: unknown;
	recordId: unknown;
	operation: 'payout' | 'custom';
	/** Payout: the outcome (detected when Outcome is "auto"), its text and the placeholders that text uses. */
	outcome?: unknown;
	successText?: unknown;
	failureText?: unknown;
	reference?: unknown;
	date?: unknown;
	amount?: unknown;
	currency?: unknown;
	payoutLink?: unknown;
	/** Custom: the body written. */
	body?: unknown;
	bodyFormat?: unknown;
	subject: unknown;
	messageType: unknown;
	partnerIds: unknown;
	notifyRecordPartner: unknown;
	authorId: unknown;
	parentId: unknown;
	replyTo: unknown;
	emailFrom: unknown;
	lang: unknown;
	attachments: unknown;
}

/** The parameter holding each outcome's text. */
export const TEXT_PARAMETERS = { success: 'successText', failure: 'failureText' } as const;

/** The parameter filling each placeholder. */
export const PLACEHOLDER_PARAMETERS = {
	reference: 'reference',
	date: 'date',
	amount: 'amount',
	currency: 'currency',
	payout_link: 'payoutLink',
} as const satisfies Record<Placeholder, keyof ItemParameters>;

/** The editor's names of the fields, for validation messages. */
export const FIELD_LABELS: Record<string, string> = {
	model: 'Model',
	recordId: 'Record ID',
	outcome: 'Outcome',
	successText: 'Success Text',
	failureText: 'Failure Text',
	reference: 'Reference',
	date: 'Date',
	amount: 'Amount',
	currency: 'Currency',
	payoutLink: 'Payout Link',
	body: 'Body',
	subject: 'Subject',
	messageType: 'Message Type',
	partnerIds: 'Additional Partner IDs to Notify',
	authorId: 'Author Partner ID',
	parentId: 'Parent Message ID',
	replyTo: 'Reply To',
	emailFrom: 'Email From',
	lang: 'Language',
	attachments: 'Attachments',
};

const odooModel = z
	.string()
	.trim()
	.regex(/^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'The model must be a technical name such as res.partner or account.move');

const nonEmptyBody = z.string().refine((s) => s.trim() !== '', 'The message body is empty');

const httpLink = httpUrl('Payout Link');

const target = z.object({ model: odooModel, recordId: recordId('Record ID') });

/** What the message says, as HTML, and for a payout message which text was chosen. */
interface Content {
	body: string;
	outcome?: Outcome;
}

/** A problem that comes with its own advice (the error's description). */
function refuse(ctx: z.RefinementCtx, field: string, message: string, description: string): typeof z.NEVER {
	ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message, params: { description } });
	return z.NEVER;
}

/** The payout text of the outcome, each placeholder it uses filled; the first problem stops it. */
function payoutContent(fields: Record<string, unknown>, ctx: z.RefinementCtx): Content {
	const outcome = fields.outcome;
	if (outcome !== 'success' && outcome !== 'failure') {
		return refuse(ctx, 'outcome', `Outcome must be "success", "failure" or "auto", not "${String(outcome)}"`, 'An expression for Outcome must return "success", "failure" or "auto".');
	}
	const template = parseInto(ctx, nonEmptyBody, fields[TEXT_PARAMETERS[outcome]], [TEXT_PARAMETERS[outcome]]);
	if (template === undefined) return z.NEVER;
	const values = {} as PayoutValues;
	for (const name of placeholdersIn(template)) {
		const parameter = PLACEHOLDER_PARAMETERS[name];
		const label = FIELD_LABELS[parameter];
		const read = placeholderText(fields[parameter], name, label, name === 'date');
		if ('problem' in read) {
			return refuse(ctx, parameter, read.problem, 'Nothing was sent for this item. Correct the expression that fills the field and run again.');
		}
		if (read.text === '') {
			return refuse(
				ctx,
				parameter,
				`The ${outcome} text uses {${name}} but ${label} is empty`,
				`Fill the "${label}" field (on an error branch, read it from an earlier node) or remove {${name}} from the text.`,
			);
		}
		const value = name === 'payout_link' ? parseInto(ctx, httpLink, read.text, [parameter]) : read.text;
		if (value === undefined) return z.NEVER;
		values[name] = value;
	}
	return { body: renderPayoutHtml(template, values), outcome };
}

/** The body written, as HTML. */
function customContent(fields: Record<string, unknown>, ctx: z.RefinementCtx): Content {
	const body = parseInto(ctx, nonEmptyBody, fields.body, ['body']);
	if (body === undefined) return z.NEVER;
	return { body: fields.bodyFormat === 'html' ? body : textToHtml(body) };
}

const content = z.record(z.unknown()).transform((fields, ctx) => (fields.operation === 'payout' ? payoutContent(fields, ctx) : customContent(fields, ctx)));

const messageOptions = z.object({
	subject: z.string().trim(),
	messageType: z.enum(['comment', 'note']),
	partnerIds: recordIdList('Additional Partner IDs to Notify'),
	notifyRecordPartner: z.unknown().transform(Boolean),
	authorId: optionalRecordId('Author Partner ID'),
	parentId: optionalRecordId('Parent Message ID'),
	replyTo: z.string().trim(),
	emailFrom: z.string().trim(),
	lang: z.string().trim(),
	/** Binary property names to upload as ir.attachment before posting. */
	attachments: z.string().transform((names) => names.split(',').map((s) => s.trim()).filter(Boolean)),
});

const SUBTYPE = { comment: 'mail.mt_comment', note: 'mail.mt_note' } as const;

/** One item's parameters -> the record, the message_post kwargs and the attachments to upload. */
export const postItem = inOrder({ target, content, options: messageOptions }).transform(({ target: { model, recordId }, content: { body, outcome }, options: o }) => {
	const partnerIds = o.notifyRecordPartner && model === 'res.partner' ? [recordId, ...o.partnerIds] : o.partnerIds;
	const kwargs: IDataObject = {
		body,
		body_is_html: true,
		message_type: 'comment',
		subtype_xmlid: SUBTYPE[o.messageType],
		partner_ids: [...new Set(partnerIds)],
	};
	if (o.subject) kwargs.subject = o.subject;
	if (o.authorId) kwargs.author_id = o.authorId;
	if (o.parentId) kwargs.parent_id = o.parentId;
	if (o.replyTo) kwargs.reply_to = o.replyTo;
	if (o.emailFrom) kwargs.email_from = o.emailFrom;
	if (o.lang) kwargs.context = { lang: o.lang };
	return { model, recordId, body, outcome, kwargs, attachments: o.attachments };
});

export type PostRequest = z.output<typeof postItem>;
