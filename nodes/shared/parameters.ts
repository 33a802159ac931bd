import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, IWorkflowDataProxyData, NodeParameterValueType } from 'n8n-workflow';

/** Reads a top-level node parameter for one item, like `ctx.getNodeParameter(name, itemIndex, fallback)`. */
export type ParameterReader = <T = unknown>(name: string, itemIndex: number, fallback?: unknown) => T;

type Plan =
	| { kind: 'constant'; value?: { v: unknown } }
	| { kind: 'json'; property: string; node?: string; locator?: IDataObject }
	| { kind: 'engine' };

// The expressions n8n fills most per-item fields with: the whole value is one property of the
// item, or of the item an earlier node made for it (`$('Node').item`, what a step after an error
// output or a merge needs).
const JSON_PROPERTY = /^=\{\{\s*\$json\.([A-Za-z_$][\w$]*)\s*\}\}$/;
const NODE_ITEM_PROPERTY = /^=\{\{\s*\$\(\s*(?:'([^'\\]+)'|"([^"\\]+)")\s*\)\.item\.json\.([A-Za-z_$][\w$]*)\s*\}\}$/;

function propertyOf(expression: unknown): { property: string; node?: string } | undefined {
	if (typeof expression !== 'string') return undefined;
	const own = JSON_PROPERTY.exec(expression);
	if (own) return { property: own[1] };
	const earlier = NODE_ITEM_PROPERTY.exec(expression);
	return earlier ? { node: earlier[1] ?? earlier[2], property: earlier[3] } : undefined;
}

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

function planFor(raw: NodeParameterValueType | INodeParameters | undefined): Plan {
	const whole = propertyOf(raw);
	if (whole) return { kind: 'json', ...whole };
	// A resource locator whose value is such an expression, e.g. a record ID read from the item.
	if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && (raw as IDataObject).__rl === true) {
		const { value, ...rest } = raw as IDataObject;
		const inner = propertyOf(value);
		if (inner && !hasExpression(rest)) return { kind: 'json', ...inner, locator: rest };
	}
	return hasExpression(raw) ? { kind: 'engine' } : { kind: 'constant' };
}

/**
 * A faster `getNodeParameter` for nodes that read many parameters for thousands of items. n8n
 * evaluates every call afresh, and an expression costs a sandboxed evaluation. This reader asks
 * n8n once for a parameter without expressions (its value is the same for every item), reads
 * `{{ $json.name }}` straight from the item and `{{ $('Node').item.json.name }}` through n8n's own
 * data proxy (what n8n's evaluation returns, the same value itself), and leaves every other
 * expression to n8n.
 *
 * Reading `$('Node').item` through the proxy is also what makes it work on n8n 1.123: its default
 * expression engine (isolated-vm) cannot copy the output of a Code node that ran in n8n's own
 * process (task runners off, the 1.x default) and then gives `undefined` for the whole expression.
 */
export function parameterReader(ctx: IExecuteFunctions): ParameterReader {
	const parameters = ctx.getNode().parameters;
	const items = ctx.getInputData();
	const plans = new Map<string, Plan>();
	const own = (json: IDataObject | undefined, property: string) =>
		json !== undefined && json !== null && Object.prototype.hasOwnProperty.call(json, property) ? json[property] : undefined;
	let proxy: { itemIndex: number; data: IWorkflowDataProxyData } | undefined;
	const earlierItem = (node: string, itemIndex: number) => {
		if (proxy?.itemIndex !== itemIndex) proxy = { itemIndex, data: ctx.getWorkflowDataProxy(itemIndex) };
		return (proxy.data.$(node) as { item?: INodeExecutionData }).item?.json;
	};

	return <T>(name: string, itemIndex: number, fallback?: unknown): T => {
		let plan = plans.get(name);
		if (!plan) {
			plan = planFor(parameters[name]);
			plans.set(name, plan);
		}
		if (plan.kind === 'json') {
			const json = plan.node === undefined ? items[itemIndex]?.json : earlierItem(plan.node, itemIndex);
			const value = own(json, plan.property);
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
