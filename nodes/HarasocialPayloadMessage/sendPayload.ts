import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemSender } from '../shared/itemLoop';
import { describeIssues } from '../OdooMessagePost/schema';
import type { HarasocialClient } from './harasocialClient';
import type { PayloadMessage } from './schema';
import { MESSAGING_TYPES, payloadMessage, requestBody } from './schema';

export const ACCEPTED_NOTE =
	'Accepted for processing by Harasocial; this is not a delivery receipt (Facebook delivers only inside its 24-hour messaging window).';

export function sendPayloadSender(ctx: IExecuteFunctions, client: HarasocialClient): ItemSender<PayloadMessage> {
	return {
		prepare(itemIndex) {
			const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const parsed = payloadMessage.safeParse({
				pageId: ctx.getNodeParameter('pageId', itemIndex),
				recipientId: ctx.getNodeParameter('recipientId', itemIndex),
				payloadId: ctx.getNodeParameter('payloadId', itemIndex),
				metadata: ctx.getNodeParameter('metadata', itemIndex, ''),
				messagingType: options.messagingType ?? MESSAGING_TYPES[0],
			});
			if (parsed.success) return parsed.data;
			throw new NodeOperationError(ctx.getNode(), describeIssues(parsed.error), {
				itemIndex,
				description: 'Nothing was sent for this item. Correct the field (or the expression that fills it) and run again.',
			});
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
