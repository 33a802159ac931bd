import type { IDataObject, IExecuteFunctions, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

/** Reads a top-level node parameter for one item, like `ctx.getNodeParameter(name, itemIndex, fallback)`. */
export type ParameterReader = <T = unknown>(name: string, itemIndex: number, fallback?: unknown) => T;

type Plan =
	| { kind: 'constant'; value?: { v: unknown } }
	| { kind: 'json'; property: string; locator?: IDataObject }
	| { kind: 'engine' };

// The expression n8n fills most per-item fields with: the whole value is one property of the item.
const JSON_PROPERTY = /^=\{\{\s*\$json\.([A-Za-z_$][\w$]*)\s*\}\}$/;

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

function planFor(raw: NodeParameterValueType | INodeParameters | undefined): Plan {
	if (typeof raw === 'string') {
		const match = JSON_PROPERTY.exec(raw);
		if (match) return { kind: 'json', property: match[1] };
	}
	// A resource locator whose value is `{{ $json.x }}`, e.g. a record ID read from the item.
	if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && (raw as IDataObject).__rl === true) {
		const { value, ...rest } = raw as IDataObject;
		const match = typeof value === 'string' ? JSON_PROPERTY.exec(value) : null;
		if (match && !hasExpression(rest)) return { kind: 'json', property: match[1], locator: rest };
	}
	return hasExpression(raw) ? { kind: 'engine' } : { kind: 'constant' };
}

/**
 * A faster `getNodeParameter` for nodes that read many parameters for thousands of items. n8n
 * evaluates every call afresh, and an expression costs a sandboxed evaluation. This reader asks
 * n8n once for a parameter without expressions (its value is the same for every item), reads
 * `{{ $json.name }}` straight from the item (what n8n's evaluation returns, the same value
 * itself), and leaves every other expression to n8n.
 */
export function parameterReader(ctx: IExecuteFunctions): ParameterReader {
	const parameters = ctx.getNode().parameters;
	const items = ctx.getInputData();
	const plans = new Map<string, Plan>();
	const own = (json: IDataObject | undefined, property: string) =>
		json !== undefined && Object.prototype.hasOwnProperty.call(json, property) ? json[property] : undefined;

	return <T>(name: string, itemIndex: number, fallback?: unknown): T => {
		let plan = plans.get(name);
		if (!plan) {
			plan = planFor(parameters[name]);
			plans.set(name, plan);
		}
		if (plan.kind === 'json') {
			const value = own(items[itemIndex]?.json, plan.property);
			if (!plan.locator) return value as T;
			const locator: IDataObject = { ...plan.locator };
			if (value !== undefined) locator.value = value as IDataObject[string];
			return locator as T;
		}
		if (plan.kind === 'constant') {
			plan.value ??= { v: ctx.getNodeParameter(name, itemIndex, fallback as never) };
			return plan.value.v as T;
		}
		return ctx.getNodeParameter(name, itemIndex, fallback as never) as T;
	};
}

/** Whether a top-level parameter has no expression, so it holds the same value for every item. */
export function isConstantParameter(ctx: IExecuteFunctions, name: string): boolean {
	return !hasExpression(ctx.getNode().parameters[name]);
}
