import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { processItems } from '../shared/itemLoop';
import { retryPolicy } from '../shared/options';
import type { HarasocialCredentials } from './harasocialClient';
import { HARASOCIAL_CREDENTIAL, HarasocialClient } from './harasocialClient';
import { properties } from './properties';
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
		credentials: [{ name: HARASOCIAL_CREDENTIAL, required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = (await this.getCredentials(HARASOCIAL_CREDENTIAL)) as unknown as HarasocialCredentials;
		const { retry, timeoutMs, concurrency } = retryPolicy(this, 2);
		const client = new HarasocialClient(this, credentials, retry, timeoutMs);
		return processItems(this, sendPayloadSender(this, client), { concurrency, secrets: [credentials.accessToken] });
	}
}
