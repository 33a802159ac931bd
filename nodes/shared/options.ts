import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RetryPolicy } from './transport';
import { DEFAULT_RETRY } from './transport';

/**
 * The delivery options every node shares, read once per execution: they shape how the node sends,
 * not what it sends, so the first item's values apply to all.
 */
export function retryPolicy(ctx: IExecuteFunctions): { retry: RetryPolicy; timeoutMs: number; concurrency: number } {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		retry: {
			...DEFAULT_RETRY,
			maxRetries: Number(options.maxRetries ?? DEFAULT_RETRY.maxRetries),
			retryAmbiguous: Boolean(options.retryAmbiguous ?? false),
		},
		timeoutMs: Number(options.timeout ?? 30) * 1000,
		concurrency: Number(options.concurrency ?? 4),
	};
}
