import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameterResourceLocator } from 'n8n-workflow';

import type { ItemSender } from '../shared/itemLoop';
import { parameterReader } from '../shared/parameters';
import { parseItem } from '../shared/validation';
import type { OdooClient } from '../shared/odoo/odooClient';
import { CALLING } from '../shared/odoo/odooErrors';
import { isReadOnlyMethod } from '../shared/odoo/odooSignatures';
import type { MethodCall } from './schema';
import { FIELD_LABELS, methodCall } from './schema';

const locatorValue = (raw: unknown) => (typeof raw === 'object' && raw !== null ? (raw as INodeParameterResourceLocator).value : raw);

export function callMethodSender(ctx: IExecuteFunctions, client: OdooClient): ItemSender<MethodCall> {
	const param = parameterReader(ctx);
	return {
		prepare(itemIndex) {
			return parseItem(
				ctx,
				methodCall,
				{
					model: locatorValue(param('model', itemIndex)),
					method: locatorValue(param('method', itemIndex)),
					recordIds: param('recordIds', itemIndex, ''),
					arguments: param('arguments', itemIndex, '{}'),
					context: param('context', itemIndex, {}),
				},
				itemIndex,
				FIELD_LABELS,
			);
		},

		async send(call) {
			const target = call.ids ? `${call.model} ${call.ids.length === 1 ? 'record' : 'records'} ${call.ids.join(', ')}` : call.model;
			const result = await client.call(call.model, call.method, call.ids, call.kwargs, target, {
				action: CALLING,
				readOnly: isReadOnlyMethod(call.method),
			});
			return { result } as IDataObject;
		},
	};
}

const isRecord = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * "Split Into Items": an item whose result is a list of records becomes one item per record,
 * paired with the same input item (none for an empty list). Error items and other results stay.
 */
export function splitRecords(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.flatMap((item) => {
		const result = item.error ? undefined : item.json.result;
		if (!Array.isArray(result) || !result.every(isRecord)) return [item];
		return result.map((record) => ({ json: record, pairedItem: item.pairedItem }));
	});
}
