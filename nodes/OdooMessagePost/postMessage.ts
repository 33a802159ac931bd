import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemSender } from '../shared/itemLoop';
import type { ParameterReader } from '../shared/parameters';
import { parameterReader } from '../shared/parameters';
import { deliveryOf } from '../shared/errors';
import { parseItem } from '../shared/validation';
import type { OdooClient } from '../shared/odoo/odooClient';
import { detectOutcome, placeholdersIn } from './payoutMessage';
import type { ItemParameters, PostRequest } from './schema';
import { FIELD_LABELS, PLACEHOLDER_PARAMETERS, postItem, TEXT_PARAMETERS } from './schema';

/** Odoo returns [id] on JSON-2 and 18+ JSON-RPC, a bare id on 16/17 JSON-RPC. */
export function normalizeId(value: unknown): number | undefined {
	const id = Array.isArray(value) ? value[0] : value;
	return typeof id === 'number' && Number.isInteger(id) ? id : undefined;
}

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
			const kwargs = { ...request.kwargs };
			const where = `${request.model} record ${request.recordId}`;
			let attachmentIds: number[] = [];
			if (request.attachments.length) {
				// Attachments are records of their own: only for a record that exists, and removed
				// again if the message is not posted (see below).
				await checkRecord(ctx, client, request, itemIndex, where);
				attachmentIds = await uploadAttachments(ctx, client, request, itemIndex, where);
				kwargs.attachment_ids = attachmentIds;
			}
			const api = await client.api();
			// Odoo 16 and older take an HTML string as is and refuse the body_is_html argument.
			if (api === 'jsonrpc' && (await client.serverVersion()).major < 17) delete kwargs.body_is_html;
			let failed: { error: unknown } | undefined;
			const raw = await client.call(request.model, 'message_post', [request.recordId], kwargs, where).catch((error: unknown) => {
				failed = { error };
			});
			if (failed) {
				if (attachmentIds.length) await cleanUpAttachments(client, attachmentIds, failed.error, where);
				throw failed.error as NodeApiError;
			}
			const messageId = normalizeId(raw);
			if (messageId === undefined) {
				const error = new NodeOperationError(ctx.getNode(), `Odoo answered message_post with ${JSON.stringify(raw)?.slice(0, 100)} instead of a message ID`, {
					itemIndex,
					description: 'The message may have been posted. Check the chatter of the record before running this item again.',
				});
				error.context.delivery = 'unknown';
				throw error;
			}
			const json: IDataObject = {
				messageId,
				model: request.model,
				recordId: request.recordId,
				api,
			};
			if (request.outcome) json.outcome = request.outcome;
			if (kwargs.attachment_ids) json.attachmentIds = kwargs.attachment_ids;
			return json;
		},
	};
}

async function checkRecord(ctx: IExecuteFunctions, client: OdooClient, request: PostRequest, itemIndex: number, where: string) {
	const found = await client.call(request.model, 'read', [request.recordId], { fields: ['id'] }, where, { readOnly: true });
	if (Array.isArray(found) && found.length > 0) return;
	throw new NodeOperationError(ctx.getNode(), `Odoo has no ${where}`, {
		itemIndex,
		description: 'Nothing was posted and no attachment was created. Check the record ID.',
	});
}

/**
 * After a failed message_post: attachments of a message that was surely not posted are removed,
 * so running the item again does not leave a second copy; when the post may have happened they
 * may belong to it, and stay. The error says which.
 */
async function cleanUpAttachments(client: OdooClient, ids: number[], error: unknown, where: string) {
	const which = `The attachment${ids.length > 1 ? 's' : ''} created for it (${ids.join(', ')})`;
	let note: string;
	if (deliveryOf(error) === 'unknown') {
		note = `${which} ${ids.length > 1 ? 'were' : 'was'} kept: the message may have been posted with ${ids.length > 1 ? 'them' : 'it'}.`;
	} else {
		try {
			await client.call('ir.attachment', 'unlink', ids, {}, where);
			note = `${which} ${ids.length > 1 ? 'were' : 'was'} removed again.`;
		} catch {
			note = `${which} could not be removed: delete ${ids.length > 1 ? 'them' : 'it'} in Odoo (Settings > Technical > Attachments) before running this item again.`;
		}
	}
	const e = error as { description?: string | null };
	if (e && typeof e === 'object') e.description = e.description ? `${e.description} ${note}` : note;
}

async function uploadAttachments(
	ctx: IExecuteFunctions,
	client: OdooClient,
	request: PostRequest,
	itemIndex: number,
	where: string,
): Promise<number[]> {
	const vals = [];
	for (const property of request.attachments) {
		const meta = ctx.helpers.assertBinaryData(itemIndex, property);
		const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
		vals.push({
			name: meta.fileName ?? property,
			datas: buffer.toString('base64'),
			mimetype: meta.mimeType,
			res_model: request.model,
			res_id: request.recordId,
		});
	}
	const ids = (await client.call('ir.attachment', 'create', undefined, { vals_list: vals }, where)) as unknown;
	return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : [normalizeId(ids) ?? 0].filter(Boolean);
}
