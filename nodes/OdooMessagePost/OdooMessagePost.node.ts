import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { processItems } from '../shared/itemLoop';
import { deliverySettings } from '../shared/options';
import { searchRecords, testOdooCredential } from '../shared/odoo/methods';
import { ODOO_DELIVERY, OdooClient } from '../shared/odoo/odooClient';
import { postMessageSender } from './postMessage';
import { properties } from './properties';

export class OdooMessagePost implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Odoo Message Post',
		name: 'odooMessagePost',
		icon: { light: 'file:odoo.svg', dark: 'file:odoo.dark.svg' },
		group: ['output'],
		// 2: Operation (Post a payout message, Post a message) instead of Message, so the nodes panel
		// lists the node's actions; 1 stays for saved workflows.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ ($parameter["operation"] || $parameter["messageSource"]) === "payout" ? "Payout notification on " : "Message on " }}{{ $parameter["model"] }}',
		description: 'Post a chatter message on an Odoo record, such as the payout notification on a partner',
		defaults: { name: 'Odoo Message Post' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'payoutOdooApi', required: true, testedBy: 'testOdooCredential' }],
		properties,
	};

	methods = {
		listSearch: { searchRecords },
		credentialTest: { testOdooCredential },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { retry, timeoutMs, loop } = deliverySettings(this, ODOO_DELIVERY);
		const client = await OdooClient.forNode(this, retry, timeoutMs);
		return processItems(this, postMessageSender(this, client), { ...loop, secrets: client.secrets });
	}
}
