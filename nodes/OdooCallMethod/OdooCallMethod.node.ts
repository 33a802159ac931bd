import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchMethods, searchModels, testOdooCredential } from '../shared/odoo/methods';
import { ODOO_DELIVERY, OdooClient } from '../shared/odoo/odooClient';
import { processItems } from '../shared/itemLoop';
import { deliverySettings } from '../shared/options';
import { callMethodSender, splitRecords } from './callMethod';
import { properties } from './properties';

export class OdooCallMethod implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Odoo Call Method',
		name: 'odooCallMethod',
		icon: { light: 'file:odoo.svg', dark: 'file:odoo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["model"].value || $parameter["model"] }} · {{ $parameter["method"].value || $parameter["method"] }}',
		description: 'Call any method of an Odoo model (search_read, create, write, action_post, …) over JSON-2 or JSON-RPC',
		defaults: { name: 'Odoo Call Method' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'payoutOdooApi', required: true, testedBy: 'testOdooCredential' }],
		properties,
	};

	methods = {
		listSearch: { searchModels, searchMethods },
		credentialTest: { testOdooCredential },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { retry, timeoutMs, loop } = deliverySettings(this, ODOO_DELIVERY);
		const client = await OdooClient.forNode(this, retry, timeoutMs);
		const [items] = await processItems(this, callMethodSender(this, client), { ...loop, secrets: client.secrets });
		const split = (this.getNodeParameter('options', 0, {}) as { splitIntoItems?: boolean }).splitIntoItems === true;
		return [split ? splitRecords(items) : items];
	}
}
