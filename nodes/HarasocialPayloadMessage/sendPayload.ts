import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemSender } from '../shared/itemLoop';
import { parseItem } from '../shared/validation';
import type { HarasocialClient } from './harasocialClient';
import type { PayloadMessage } from './schema';
import { MESSAGING_TYPES, payloadMessage, requestBody } from './schema';

export const ACCEPTED_NOTE =
	'Accepted for processing by Harasocial; this is not a delivery receipt (Facebook delivers only inside its 24-hour messaging window).';

export function sendPayloadSender(ctx: IExecuteFunctions, client: HarasocialClient): ItemSender<PayloadMessage> {
	return {
		prepare(itemIndex) {
			const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
			return parseItem(ctx, payloadMessage, {
				pageId: ctx.getNodeParameter('pageId', itemIndex),
				recipientId: ctx.getNodeParameter('recipientId', itemIndex),
				payloadId: ctx.getNodeParameter('payloadId', itemIndex),
				metadata: ctx.getNodeParameter('metadata', itemIndex, ''),
				messagingType: options.messagingType ?? MESSAGING_TYPES[0],
			}, itemIndex);
		},

		async send(message) {
			await client.sendMessage(requestBody(message));
			const json: IDataObject = {
				accepted: true,
				pageId: message.pageId,
				recipientId: message.recipientId,
				payloadId: message.payloadId,
			};
			if (message.metadata !== undefined) json.metadata = message.metadata;
			json.messagingType = message.messagingType;
			json.note = ACCEPTED_NOTE;
			return json;
		},
	};
}
