import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemSender } from '../shared/itemLoop';
import { parameterReader } from '../shared/parameters';
import { parseItem } from '../shared/validation';
import type { HarasocialClient } from './harasocialClient';
import type { PayloadMessage } from './schema';
import { FIELD_LABELS, MESSAGING_TYPES, payloadMessage, requestBody } from './schema';

export const ACCEPTED_NOTE =
	'Accepted for processing by Harasocial; this is not a delivery receipt (Facebook delivers only inside its 24-hour messaging window).';

export function sendPayloadSender(ctx: IExecuteFunctions, client: HarasocialClient): ItemSender<PayloadMessage> {
	const param = parameterReader(ctx);
	return {
		prepare(itemIndex) {
			const options = param<IDataObject>('options', itemIndex, {});
			return parseItem(ctx, payloadMessage, {
				pageId: param('pageId', itemIndex),
				recipientId: param('recipientId', itemIndex),
				payloadId: param('payloadId', itemIndex),
				metadata: param('metadata', itemIndex, ''),
				messagingType: options.messagingType ?? MESSAGING_TYPES[0],
			}, itemIndex, FIELD_LABELS);
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
