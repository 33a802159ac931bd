import type { IDataObject, INode, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deliveryOf } from '../shared/errors';
import type { OdooApi, OdooClient } from '../shared/odoo/odooClient';

/** A file to attach, as ir.attachment takes it. */
export interface AttachmentFile {
	name: string;
	datas: string;
	mimetype: string | undefined;
}

export interface ChatterPost {
	model: string;
	recordId: number;
	/** message_post's arguments. */
	kwargs: IDataObject;
	files: AttachmentFile[];
}

export interface Posted {
	messageId: number;
	api: OdooApi;
	/** Set when files were attached. */
	attachmentIds?: number[];
}

/** Odoo returns [id] on JSON-2 and 18+ JSON-RPC, a bare id on 16/17 JSON-RPC. */
export function normalizeId(value: unknown): number | undefined {
	const id = Array.isArray(value) ? value[0] : value;
	return typeof id === 'number' && Number.isInteger(id) ? id : undefined;
}

/**
 * Posts a chatter message on a record: its files first as ir.attachment records, then
 * message_post. Throws the error to show for the item.
 */
export async function postChatterMessage(client: OdooClient, node: INode, post: ChatterPost, itemIndex: number): Promise<Posted> {
	const kwargs = { ...post.kwargs };
	const where = `${post.model} record ${post.recordId}`;
	let attachmentIds: number[] | undefined;
	if (post.files.length) {
		// Attachments are records of their own: only for a record that exists, and removed
		// again if the message is not posted (see below).
		const found = await client.call(post.model, 'read', [post.recordId], { fields: ['id'] }, where, { readOnly: true });
		if (!Array.isArray(found) || found.length === 0) {
			throw new NodeOperationError(node, `Odoo has no ${where}`, {
				itemIndex,
				description: 'Nothing was posted and no attachment was created. Check the record ID.',
			});
		}
		const vals = post.files.map((file) => ({ ...file, res_model: post.model, res_id: post.recordId }));
		const ids = (await client.call('ir.attachment', 'create', undefined, { vals_list: vals }, where)) as unknown;
		attachmentIds = Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : [normalizeId(ids) ?? 0].filter(Boolean);
		kwargs.attachment_ids = attachmentIds;
	}
	const api = await client.api();
	// Odoo 16 and older take an HTML string as is and refuse the body_is_html argument.
	if (api === 'jsonrpc' && (await client.serverVersion()).major < 17) delete kwargs.body_is_html;
	let failed: { error: unknown } | undefined;
	const raw = await client.call(post.model, 'message_post', [post.recordId], kwargs, where).catch((error: unknown) => {
		failed = { error };
	});
	if (failed) {
		if (attachmentIds?.length) await cleanUpAttachments(client, attachmentIds, failed.error, where);
		throw failed.error as NodeApiError;
	}
	const messageId = normalizeId(raw);
	if (messageId === undefined) {
		const error = new NodeOperationError(node, `Odoo answered message_post with ${JSON.stringify(raw)?.slice(0, 100)} instead of a message ID`, {
			itemIndex,
			description: 'The message may have been posted. Check the chatter of the record before running this item again.',
		});
		error.context.delivery = 'unknown';
		throw error;
	}
	return attachmentIds ? { messageId, api, attachmentIds } : { messageId, api };
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
