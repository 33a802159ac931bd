import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemSender } from '../shared/itemLoop';
import type { ParameterReader } from '../shared/parameters';
import { parameterReader } from '../shared/parameters';
import { parseItem } from '../shared/validation';
import type { OneboxAttachment } from './buildMessage';
import { buildMessage, formatOneboxDate } from './buildMessage';
import type { OneboxClient } from './oneboxClient';
import { operationSpec } from './operations';
import type { MessageInput, RawParameters } from './schema';
import { FIELD_LABELS, messageInput } from './schema';

export interface SendRequest {
	input: MessageInput;
	body: IDataObject;
}

const ONEBOX_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const MB = 1024 * 1024;

/** Sizes as people read them: 2 KB, 12.5 MB. */
function formatSize(bytes: number): string {
	return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function invalid(ctx: IExecuteFunctions, message: string, itemIndex: number, description: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/** Version 1 stores Channel and Method; version 2 one Operation standing for both (operations.ts). */
function channelAndMethod(get: (name: string) => string, typeVersion: number): Pick<RawParameters, 'channel' | 'method'> {
	if (typeVersion < 2) return { channel: get('channel') as never, method: get('method') };
	// An unknown operation leaves the channel empty: validation then names the channels there are.
	const operation = operationSpec(get('operation'));
	return { channel: (operation?.channel ?? '') as never, method: operation?.method ?? '' };
}

function readParameters(param: ParameterReader, itemIndex: number, typeVersion: number): RawParameters {
	const get = (name: string, fallback: unknown = '') => param<never>(name, itemIndex, fallback);
	const locator = param<INodeParameterResourceLocator | string | number>('connectionId', itemIndex);
	const attachments = get('attachments', {}) as { binary?: IDataObject[]; url?: IDataObject[] };
	const options = get('options', {}) as IDataObject;
	return {
		connectionId: (typeof locator === 'object' && locator !== null ? locator.value : locator) as string | number,
		...channelAndMethod(get, typeVersion),
		from: get('from'),
		fromName: get('fromName'),
		to: get('to'),
		cc: get('cc'),
		bcc: get('bcc'),
		subject: get('subject'),
		body: get('body'),
		bodyFormat: get('bodyFormat', 'text'),
		bodyText: (options.bodyText ?? '') as string,
		conversationId: get('conversationId'),
		previousId: get('previousId'),
		prevRemoteId: (options.prevRemoteId ?? '') as string,
		users: options.users as string | undefined,
		methodId: (options.methodId ?? 'default') as RawParameters['methodId'],
		binaryAttachments: (attachments.binary ?? []).map((a) => ({
			property: a.property as string,
			description: a.description as string,
			fileName: a.fileName as string,
			fileDate: a.fileDate as string,
		})),
		urlAttachments: (attachments.url ?? []).map((a) => ({ url: a.url as string, description: a.description as string, fileName: a.fileName as string })),
		maxAttachmentMb: (options.maxAttachmentMb ?? 10) as number,
		includeRaw: Boolean(options.includeRaw ?? false),
	};
}

function fileNameOfUrl(url: string): string {
	const last = new URL(url).pathname.split('/').filter(Boolean).pop();
	if (!last) return 'attachment';
	try {
		return decodeURIComponent(last);
	} catch {
		return last;
	}
}

/** Reads the item's binary attachments (bounded in total size) and the URL ones into `Attachments`. */
async function readAttachments(ctx: IExecuteFunctions, input: MessageInput, itemIndex: number): Promise<OneboxAttachment[]> {
	const timeZone = ctx.getTimezone();
	const now = formatOneboxDate(new Date(), timeZone);
	const dateOf = (given: string) => {
		if (given === '') return now;
		if (ONEBOX_DATE.test(given)) return given;
		const parsed = Date.parse(given);
		if (Number.isNaN(parsed)) throw invalid(ctx, `Attachment date "${given}" is not a date`, itemIndex, 'Use YYYY-MM-DD HH:mm:ss or an ISO date, or leave it empty for now.');
		return formatOneboxDate(new Date(parsed), timeZone);
	};

	const out: OneboxAttachment[] = [];
	const limit = input.maxAttachmentMb * MB;
	let total = 0;
	const checkBound = (size: number) => {
		if (total + size <= limit) return;
		throw invalid(
			ctx,
			`The binary attachments are ${formatSize(total + size)}, more than the ${input.maxAttachmentMb} MB allowed (Max Attachment Size)`,
			itemIndex,
			'Nothing was sent for this item. Send smaller files, share large ones by public URL ("From URL"), or raise "Max Attachment Size (MB)" if the connection accepts larger files.',
		);
	};
	for (const attachment of input.binaryAttachments) {
		const meta = ctx.helpers.assertBinaryData(itemIndex, attachment.property);
		// The size n8n recorded, when it did, spares reading a file that is too large.
		if (typeof meta.bytes === 'number') checkBound(meta.bytes);
		const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, attachment.property);
		checkBound(buffer.length);
		total += buffer.length;
		const name = attachment.fileName || meta.fileName || attachment.property;
		out.push({ Description: attachment.description || name, File: { Date: dateOf(attachment.fileDate), Name: name, Content: buffer.toString('base64') } });
	}
	for (const attachment of input.urlAttachments) {
		const name = attachment.fileName || fileNameOfUrl(attachment.url);
		out.push({ Description: attachment.description || name, File: { Date: now, Name: name, Path: attachment.url } });
	}
	return out;
}

const asNumber = (value: unknown) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value ?? null));

/**
 * The output item: the created message as Onebox returns it in `data[0]`, under stable names.
 * `id` and `connectionId` are numbers (Onebox writes them as strings).
 */
export function messageOutput(record: IDataObject): IDataObject {
	return {
		id: asNumber(record.Id),
		statusId: record.StatusId ?? null,
		mediaId: record.MediaId ?? null,
		methodId: record.MethodId ?? null,
		connectionId: asNumber(record.ConnectionId),
		from: record.From ?? null,
		to: record.To ?? null,
		subject: record.Subject ?? null,
		createDate: record.CreateDate ?? null,
	};
}

export function sendMessageSender(ctx: IExecuteFunctions, client: OneboxClient): ItemSender<SendRequest> {
	const param = parameterReader(ctx);
	const { typeVersion } = ctx.getNode();
	return {
		async prepare(itemIndex) {
			const input = parseItem(ctx, messageInput, readParameters(param, itemIndex, typeVersion), itemIndex, FIELD_LABELS);
			const attachments = await readAttachments(ctx, input, itemIndex);
			return { input, body: buildMessage(input, attachments) };
		},

		async send(request, itemIndex) {
			const record = await client.sendMessage(request.body, request.input.channel.name, itemIndex);
			const json = messageOutput(record);
			if (request.input.includeRaw) json.raw = record;
			return json;
		},
	};
}
