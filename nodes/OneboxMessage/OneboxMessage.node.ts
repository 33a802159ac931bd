import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { processItems } from '../shared/itemLoop';
import { deliverySettings } from '../shared/options';
import { searchConnections } from './methods';
import { ONEBOX_CREDENTIAL, OneboxClient } from './oneboxClient';
import { OPERATIONS } from './operations';
import { DELIVERY, properties } from './properties';
import { sendMessageSender } from './sendMessage';

// The canvas shows a version 2 node's operation by its name ("Send Email"), not its value.
const OPERATION_NAMES = JSON.stringify(Object.fromEntries(OPERATIONS.map((o) => [o.value, o.name])));

export class OneboxMessage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Onebox Message',
		name: 'oneboxMessage',
		icon: { light: 'file:onebox.svg', dark: 'file:onebox.dark.svg' },
		group: ['output'],
		// 2: one Operation (Send an email, Send a WhatsApp message, …) instead of Channel + Method,
		// which the nodes panel lists as the node's actions; 1 stays for saved workflows.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: `={{ $parameter["channel"] ? $parameter["channel"] + ": " + $parameter["method"] : ${OPERATION_NAMES}[$parameter["operation"]] }}`,
		description: 'Send an email, WhatsApp, Facebook, Instagram or Twitter message through a Onebox connection',
		defaults: { name: 'Onebox Message' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: ONEBOX_CREDENTIAL, required: true }],
		properties,
	};

	methods = {
		listSearch: { searchConnections },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { retry, timeoutMs, loop } = deliverySettings(this, DELIVERY);
		const client = await OneboxClient.forNode(this, retry, timeoutMs);
		// The client adds every token it meets, so the item loop redacts renewed tokens too.
		return processItems(this, sendMessageSender(this, client), { ...loop, secrets: client.secrets });
	}
}
