import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import type { ItemSender } from '../shared/itemLoop';
import type { ParameterReader } from '../shared/parameters';
import { parameterReader } from '../shared/parameters';
import { parseItem } from '../shared/validation';
import type { OdooClient } from '../shared/odoo/odooClient';
import type { AttachmentFile } from './chatter';
import { postChatterMessage } from './chatter';
import { detectOutcome, placeholdersIn } from './payoutMessage';
import type { ItemParameters, PostRequest } from './schema';
import { FIELD_LABELS, PLACEHOLDER_PARAMETERS, postItem, TEXT_PARAMETERS } from './schema';

/**
 * The payout fields of one item: the outcome, its text, and only the placeholders that text uses,
 * since the others may hold expressions that fail on this item (an error branch has no payout link).
 */
function readPayout(ctx: IExecuteFunctions, param: ParameterReader, itemIndex: number): Partial<ItemParameters> {
	const chosen = param('outcome', itemIndex);
	const outcome = chosen === 'auto' ? detectOutcome(ctx.getInputData()[itemIndex]) : chosen;
	if (outcome !== 'success' && outcome !== 'failure') return { outcome };
	const text = param(TEXT_PARAMETERS[outcome], itemIndex);
	const fields: Partial<ItemParameters> = { outcome, [TEXT_PARAMETERS[outcome]]: text };
	for (const name of typeof text === 'string' ? placeholdersIn(text) : []) {
		fields[PLACEHOLDER_PARAMETERS[name]] = param(PLACEHOLDER_PARAMETERS[name], itemIndex, '');
	}
	return fields;
}

/** One item's parameters: where, then what, then how; of two failing expressions the first in that order is reported. */
function readItem(ctx: IExecuteFunctions, param: ParameterReader, itemIndex: number, operationParameter: string): ItemParameters {
	const locator = param<INodeParameterResourceLocator | string | number>('recordId', itemIndex);
	const target = { recordId: typeof locator === 'object' && locator !== null ? locator.value : locator, model: param('model', itemIndex) };
	const operation = param(operationParameter, itemIndex) === 'payout' ? 'payout' : 'custom';
	const content = operation === 'payout' ? readPayout(ctx, param, itemIndex) : { body: param('body', itemIndex), bodyFormat: param('bodyFormat', itemIndex) };
	const options = param<IDataObject>('options', itemIndex, {});
	return {
		...target,
		operation,
		...content,
		subject: param('subject', itemIndex, ''),
		messageType: param('messageType', itemIndex),
		partnerIds: param('partnerIds', itemIndex, ''),
		notifyRecordPartner: param('notifyRecordPartner', itemIndex, true),
		authorId: options.authorId ?? 0,
		parentId: options.parentId ?? 0,
		replyTo: options.replyTo ?? '',
		emailFrom: options.emailFrom ?? '',
		lang: options.lang ?? '',
		attachments: options.attachments ?? '',
	};
}

export function postMessageSender(ctx: IExecuteFunctions, client: OdooClient): ItemSender<PostRequest> {
	// Thousands of items: parameters without expressions are read once (parameterReader).
	const param = parameterReader(ctx);
	// Version 2 names the message in Operation, version 1 in Message; the values are the same.
	const operationParameter = ctx.getNode().typeVersion >= 2 ? 'operation' : 'messageSource';

	return {
		prepare(itemIndex) {
			const request = parseItem(ctx, postItem, readItem(ctx, param, itemIndex, operationParameter), itemIndex, FIELD_LABELS);
			for (const property of request.attachments) ctx.helpers.assertBinaryData(itemIndex, property);
			return request;
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
