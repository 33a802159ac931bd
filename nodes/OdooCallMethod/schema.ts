import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { recordIdList } from '../shared/values';

/** A JSON object given as text (the json field) or as an object (an expression's value). */
const jsonObject = (what: string) =>
	z.unknown().transform((raw, ctx): IDataObject => {
		let value = raw;
		if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return {};
		if (typeof raw === 'string') {
			try {
				value = JSON.parse(raw);
			} catch (error) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${what} is not valid JSON: ${(error as Error).message}` });
				return z.NEVER;
			}
		}
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${what} must be a JSON object of named values, e.g. {"limit": 10}` });
			return z.NEVER;
		}
		return value as IDataObject;
	});

const modelName = z
	.string({ errorMap: () => ({ message: 'The model must be a technical name such as res.partner' }) })
	.trim()
	.regex(/^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'The model must be a technical name such as res.partner or account.move');

const methodName = z
	.string({ errorMap: () => ({ message: 'The method must be a name such as search_read' }) })
	.trim()
	.superRefine((name, ctx) => {
		if (name.startsWith('_')) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `The method "${name}" is private: Odoo never lets it be called from outside` });
		} else if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(name)) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `The method must be a name such as search_read, not "${name.slice(0, 80)}"` });
		}
	});

const contextFields = z.object({
	lang: z.string().trim().optional(),
	tz: z.string().trim().optional(),
	active_test: z.boolean().optional(),
	allowed_company_ids: recordIdList('Allowed Company IDs').optional(),
	extra: jsonObject('Context > Other Values').optional(),
});

/** One item's fields -> one validated call. */
export const methodCall = z
	.object({
		model: modelName,
		method: methodName,
		recordIds: recordIdList('Record IDs'),
		arguments: jsonObject('Arguments'),
		context: contextFields,
	})
	.superRefine((call, ctx) => {
		if ('ids' in call.arguments) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Arguments must not contain "ids": put the records in the Record IDs field' });
		}
	})
	.transform(({ context: { extra, ...named }, ...call }) => {
		const context: IDataObject = { ...extra };
		for (const [key, value] of Object.entries(named)) {
			if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) context[key] = value;
		}
		// A "context" inside the arguments is merged over the Context field's values.
		const { context: given, ...kwargs } = call.arguments;
		if (given && typeof given === 'object' && !Array.isArray(given)) Object.assign(context, given);
		if (Object.keys(context).length) kwargs.context = context;
		return { model: call.model, method: call.method, ids: call.recordIds.length ? call.recordIds : undefined, kwargs };
	});

export type MethodCall = z.output<typeof methodCall>;

/** The fields as the editor names them, for validation messages. */
export const FIELD_LABELS = {
	model: 'Model',
	method: 'Method',
	recordIds: 'Record IDs',
	arguments: 'Arguments',
	context: 'Context',
	lang: 'Language',
	tz: 'Time Zone',
	active_test: 'Active Records Only',
	allowed_company_ids: 'Allowed Company IDs',
	extra: 'Other Values',
};
