import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RetryPolicy } from './delivery';
import { AMBIGUOUS_IN_WORDS, DEFAULT_MAX_RETRIES, DEFAULT_RETRY, DEFAULT_TIMEOUT_SECONDS, RETRYABLE_IN_WORDS } from './delivery';
import type { LoopOptions } from './itemLoop';

/** How a node sends by default: what its API tolerates. */
export interface DeliveryDefaults {
	/** The service's name, as the option descriptions say it. */
	service: string;
	/** Requests in flight at once. */
	concurrency: number;
	/** Items per batch; 0 sends all items as one batch. */
	batchSize: number;
	/** Milliseconds from the start of one batch to the start of the next; 0 for none. */
	batchInterval: number;
	/** Shown under "Requests In Flight": why the default is what it is. */
	concurrencyHint: string;
	/** Shown under "Items per Batch". */
	batchHint: string;
}

/**
 * The options that shape how every node of the package sends, sorted by name; each node sets
 * its defaults. The batching pair is the one the HTTP Request node offers, plus the in-flight
 * bound that the HTTP Request node lacks.
 */
export function deliveryOptions(defaults: DeliveryDefaults): INodeProperties[] {
	return [
		withDefault(
			{
				displayName: 'Batch Interval (Milliseconds)',
				name: 'batchInterval',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description:
					'Time in milliseconds from the start of one batch to the start of the next; the next batch also waits for the previous one to finish. 0 for no wait.',
			},
			defaults.batchInterval,
		),
		withDefault(
			{
				displayName: 'Items per Batch',
				name: 'batchSize',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description:
					'How many items to send before waiting for the batch interval. 0 sends all items as one batch; Requests In Flight applies within a batch.',
				hint: defaults.batchHint,
			},
			defaults.batchSize,
		),
		withDefault(
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				default: 3,
				typeOptions: { minValue: 0, maxValue: 10 },
				description: `How often to retry when ${defaults.service} is unreachable, ${RETRYABLE_IN_WORDS}. Those answers prove nothing was sent; Retry-After is honoured.`,
			},
			DEFAULT_MAX_RETRIES,
		),
		withDefault(
			{
				displayName: 'Requests In Flight',
				name: 'concurrency',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 1, maxValue: 32 },
				description: 'How many items are sent at the same time',
				hint: defaults.concurrencyHint,
			},
			defaults.concurrency,
		),
		{
			displayName: 'Retry When Outcome Unknown',
			name: 'retryAmbiguous',
			type: 'boolean',
			default: false,
			description: `Whether to also retry when the connection failed after the request was sent (${AMBIGUOUS_IN_WORDS}), also when n8n's Retry On Fail runs the node again. The message may then be sent twice.`,
		},
		withDefault(
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 1 },
				description: `How long to wait for ${defaults.service} to answer one request`,
			},
			DEFAULT_TIMEOUT_SECONDS,
		),
	];
}

/** n8n's lint wants a literal default in a field: each is written with one, then given its real one. */
function withDefault(field: INodeProperties, value: number): INodeProperties {
	return { ...field, default: value };
}

export interface DeliverySettings {
	retry: RetryPolicy;
	timeoutMs: number;
	/** For processItems: concurrency and batching (the caller adds the secrets). */
	loop: Omit<LoopOptions, 'secrets'>;
}

const numberOr = (value: unknown, fallback: number, min: number) => {
	const n = value === undefined || value === null || value === '' ? fallback : Number(value);
	return Number.isFinite(n) ? Math.max(min, n) : fallback;
};

/**
 * The delivery options, read once per execution: they shape how the node sends, not what it
 * sends, so the first item's values apply to all.
 */
export function deliverySettings(ctx: IExecuteFunctions, defaults: DeliveryDefaults): DeliverySettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		retry: {
			...DEFAULT_RETRY,
			maxRetries: Math.floor(numberOr(options.maxRetries, DEFAULT_RETRY.maxRetries, 0)),
			retryAmbiguous: Boolean(options.retryAmbiguous ?? false),
		},
		timeoutMs: numberOr(options.timeout, DEFAULT_TIMEOUT_SECONDS, 1) * 1000,
		loop: {
			concurrency: Math.floor(numberOr(options.concurrency, defaults.concurrency, 1)),
			batchSize: Math.floor(numberOr(options.batchSize, defaults.batchSize, 0)),
			batchIntervalMs: numberOr(options.batchInterval, defaults.batchInterval, 0),
			retryUnknown: Boolean(options.retryAmbiguous ?? false),
		},
	};
}
