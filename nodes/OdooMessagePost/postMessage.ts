import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { textToHtml } from '../shared/html';
import type { ItemSender } from '../shared/itemLoop';
import type { ParameterReader } from '../shared/parameters';
import { isConstantParameter, parameterReader } from '../shared/parameters';
import { parseItem } from '../shared/validation';
import { placeholderText } from '../shared/values';
import type { OdooClient } from '../shared/odoo/odooClient';
import type { AttachmentFile } from './chatter';
import { postChatterMessage } from './chatter';
import type { Outcome, PayoutValues, Placeholder } from './payoutMessage';
import { detectOutcome, placeholdersIn, renderPayoutHtml } from './payoutMessage';
import { httpLink, MESSAGE_OPTION_LABELS, messageOptions, nonEmptyBody, target, TARGET_LABELS } from './schema';

export interface PostRequest {
	model: string;
	recordId: number;
	body: string;
	outcome?: Outcome;
	kwargs: IDataObject;
	/** Binary property names to upload as ir.attachment before posting. */
	attachments: string[];
}

const SUBTYPE = { comment: 'mail.mt_comment', note: 'mail.mt_note' } as const;

/** Each placeholder's node parameter and its name in the editor. */
const PLACEHOLDER_FIELDS: Record<Placeholder, { parameter: string; label: string }> = {
	reference: { parameter: 'reference', label: 'Reference' },
	date: { parameter: 'date', label: 'Date' },
	amount: { parameter: 'amount', label: 'Amount' },
	currency: { parameter: 'currency', label: 'Currency' },
	payout_link: { parameter: 'payoutLink', label: 'Payout Link' },
};

function payoutBody(ctx: IExecuteFunctions, param: ParameterReader, itemIndex: number): { body: string; outcome: Outcome } {
	const chosen = param<Outcome | 'auto'>('outcome', itemIndex);
	const outcome = chosen === 'auto' ? detectOutcome(ctx.getInputData()[itemIndex]) : chosen;
	if (outcome !== 'success' && outcome !== 'failure') {
		throw new NodeOperationError(ctx.getNode(), `Outcome must be "success", "failure" or "auto", not "${String(outcome)}"`, {
			itemIndex,
			description: 'An expression for Outcome must return "success", "failure" or "auto".',
		});
	}
	const text = outcome === 'success' ? 'Success Text' : 'Failure Text';
	const template = parseItem(ctx, nonEmptyBody, param(outcome === 'success' ? 'successText' : 'failureText', itemIndex), itemIndex, text);
	const values = {} as PayoutValues;
	for (const name of placeholdersIn(template)) {
		const field = PLACEHOLDER_FIELDS[name];
		const read = placeholderText(param(field.parameter, itemIndex, ''), name, field.label, name === 'date');
		if ('problem' in read) {
			throw new NodeOperationError(ctx.getNode(), read.problem, {
				itemIndex,
				description: 'Nothing was sent for this item. Correct the expression that fills the field and run again.',
			});
		}
		if (read.text === '') {
			throw new NodeOperationError(ctx.getNode(), `The ${outcome} text uses {${name}} but ${field.label} is empty`, {
				itemIndex,
				description: `Fill the "${field.label}" field (on an error branch, read it from an earlier node) or remove {${name}} from the text.`,
			});
		}
		values[name] = name === 'payout_link' ? parseItem(ctx, httpLink, read.text, itemIndex, 'Payout Link') : read.text;
	}
	return { body: renderPayoutHtml(template, values), outcome };
}

/** The message options of one item, validated. */
function readMessageOptions(ctx: IExecuteFunctions, param: ParameterReader, itemIndex: number) {
	const options = param<IDataObject>('options', itemIndex, {});
	return parseItem(
		ctx,
		messageOptions,
		{
			subject: param('subject', itemIndex, ''),
			messageType: param('messageType', itemIndex),
			partnerIds: param('partnerIds', itemIndex, ''),
			authorId: options.authorId ?? 0,
			parentId: options.parentId ?? 0,
			replyTo: options.replyTo ?? '',
			emailFrom: options.emailFrom ?? '',
			lang: options.lang ?? '',
			attachments: options.attachments ?? '',
		},
		itemIndex,
		MESSAGE_OPTION_LABELS,
	);
}

export function postMessageSender(ctx: IExecuteFunctions, client: OdooClient): ItemSender<PostRequest> {
	// Thousands of items: parameters without expressions are read once, and so are the message
	// options when none of them has an expression (they are then the same for every item).
	const param = parameterReader(ctx);
	// Version 2 names the message in Operation, version 1 in Message; the values are the same.
	const messageParameter = ctx.getNode().typeVersion >= 2 ? 'operation' : 'messageSource';
	const sameOptionsForAll = ['subject', 'messageType', 'partnerIds', 'options'].every((name) => isConstantParameter(ctx, name));
	let sharedOptions: ReturnType<typeof readMessageOptions> | undefined;

	return {
		prepare(itemIndex) {
			const locator = param<INodeParameterResourceLocator | string | number>('recordId', itemIndex);
			const rawId = typeof locator === 'object' && locator !== null ? locator.value : locator;
			const where = parseItem(ctx, target, { model: param('model', itemIndex), recordId: rawId }, itemIndex, TARGET_LABELS);

			let body: string;
			let outcome: Outcome | undefined;
			if (param(messageParameter, itemIndex) === 'payout') {
				({ body, outcome } = payoutBody(ctx, param, itemIndex));
			} else {
				const raw = parseItem(ctx, nonEmptyBody, param('body', itemIndex), itemIndex, 'Body');
				body = param('bodyFormat', itemIndex) === 'html' ? raw : textToHtml(raw);
			}

			const o = sameOptionsForAll ? (sharedOptions ??= readMessageOptions(ctx, param, itemIndex)) : readMessageOptions(ctx, param, itemIndex);

			const partnerIds = [...o.partnerIds];
			const notifySelf = param<boolean>('notifyRecordPartner', itemIndex, true);
			if (notifySelf && where.model === 'res.partner') partnerIds.unshift(where.recordId);

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
			const attachments = o.attachments.split(',').map((s) => s.trim()).filter(Boolean);
			for (const property of attachments) ctx.helpers.assertBinaryData(itemIndex, property);

			return { model: where.model, recordId: where.recordId, body, outcome, kwargs, attachments };
		},

		async send(request, itemIndex) {
			const files: AttachmentFile[] = [];
			for (const property of request.attachments) {
				const meta = ctx.helpers.assertBinaryData(itemIndex, property);
				const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
				files.push({ name: meta.fileName ?? property, datas: buffer.toString('base64'), mimetype: meta.mimeType });
			}
			const posted = await postChatterMessage(client, ctx.getNode(), { model: request.model, recordId: request.recordId, kwargs: request.kwargs, files }, itemIndex);
			const json: IDataObject = {
				messageId: posted.messageId,
				model: request.model,
				recordId: request.recordId,
				api: posted.api,
			};
			if (request.outcome) json.outcome = request.outcome;
			if (posted.attachmentIds) json.attachmentIds = posted.attachmentIds;
			return json;
		},
	};
}
