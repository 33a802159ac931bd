import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RetryPolicy } from './transport';
import { DEFAULT_RETRY } from './transport';

/** The options that shape how every node of the package sends; each node sets its defaults. */
export function deliveryOptions(defaults: { service: string; concurrency: number; concurrencyHint: string }): INodeProperties[] {
	const concurrency: INodeProperties = {
		displayName: 'Requests In Flight',
		name: 'concurrency',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: 32 },
		description: 'How many items are sent at the same time',
		hint: defaults.concurrencyHint,
	};
	concurrency.default = defaults.concurrency;
	return [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			default: 3,
			typeOptions: { minValue: 0, maxValue: 10 },
			description: `How often to retry when ${defaults.service} is unreachable, throttles (429) or is unavailable (502, 503). Those answers prove nothing was sent; Retry-After is honoured.`,
		},
		concurrency,
		{
			displayName: 'Retry When Outcome Unknown',
			name: 'retryAmbiguous',
			type: 'boolean',
			default: false,
			description:
				'Whether to also retry when the connection failed after the request was sent (timeout, dropped connection, 504). The message may then be sent twice.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			default: 30,
			typeOptions: { minValue: 1 },
			description: `How long to wait for ${defaults.service} to answer one request`,
		},
	];
}

/**
 * The delivery options, read once per execution: they shape how the node sends, not what it
 * sends, so the first item's values apply to all.
 */
export function retryPolicy(ctx: IExecuteFunctions, defaultConcurrency: number): { retry: RetryPolicy; timeoutMs: number; concurrency: number } {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		retry: {
			...DEFAULT_RETRY,
			maxRetries: Number(options.maxRetries ?? DEFAULT_RETRY.maxRetries),
			retryAmbiguous: Boolean(options.retryAmbiguous ?? false),
		},
		timeoutMs: Number(options.timeout ?? 30) * 1000,
		concurrency: Number(options.concurrency ?? defaultConcurrency),
	};
}
