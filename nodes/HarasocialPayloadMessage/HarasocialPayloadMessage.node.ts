import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { processItems } from '../shared/itemLoop';
import { deliverySettings } from '../shared/options';
import { HarasocialClient } from './harasocialClient';
import { testHarasocialCredential } from './methods';
import { DELIVERY, properties } from './properties';
import { sendPayloadSender } from './sendPayload';

export class HarasocialPayloadMessage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harasocial Payload Message',
		name: 'harasocialPayloadMessage',
		icon: { light: 'file:harasocial.svg', dark: 'file:harasocial.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '=To PSID {{ $parameter["recipientId"] }}',
		description: 'Send a prepared Messenger flow to a Facebook user through Harasocial',
		defaults: { name: 'Harasocial Payload Message' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'harasocialApi', required: true, testedBy: 'testHarasocialCredential' }],
		properties,
	};

	methods = { credentialTest: { testHarasocialCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { retry, timeoutMs, loop } = deliverySettings(this, DELIVERY);
		const client = await HarasocialClient.forNode(this, retry, timeoutMs);
		return processItems(this, sendPayloadSender(this, client), { ...loop, secrets: client.secrets });
	}
}
