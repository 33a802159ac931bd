import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redact } from './errors';

export interface ItemSender<Request> {
	/** Reads and validates one item's parameters; throws a NodeOperationError naming the item. */
	prepare(itemIndex: number): Promise<Request> | Request;
	/** Sends one validated request; returns the output item's JSON. */
	send(request: Request, itemIndex: number): Promise<IDataObject>;
}

export interface LoopOptions {
	/** Requests in flight at once; each item is still sent at most once. */
	concurrency: number;
	/** Credential values that must never show in an error (API keys, tokens, passwords). */
	secrets: Array<string | undefined>;
}

function withItemIndex(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	secrets: LoopOptions['secrets'],
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	// An unexpected error may carry anything, a credential included: keep only a redacted message.
	return new NodeOperationError(ctx.getNode(), redact((error as Error)?.message ?? String(error), secrets), { itemIndex });
}

/**
 * The item a failure leaves behind under "Continue". n8n routes it to the error output by its
 * `error` and shows `json` as `{ error: message }`; the error keeps the description and, in
 * `context.delivery`, whether the message may have been sent.
 */
function failedItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	error.context.delivery ??= 'not-sent';
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}

/**
 * validate -> send -> paired output, for every input item, in input order. A failing item either
 * stops the node (the error names the item) or, with "Continue", becomes an error item while the
 * other items carry on.
 */
export async function processItems<Request>(
	ctx: IExecuteFunctions,
	sender: ItemSender<Request>,
	options: LoopOptions,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const results: INodeExecutionData[] = new Array(items.length);
	const continueOnFail = ctx.continueOnFail();
	let next = 0;
	let stopped: unknown;

	const worker = async () => {
		while (stopped === undefined && next < items.length) {
			const itemIndex = next++;
			try {
				const request = await sender.prepare(itemIndex);
				const json = await sender.send(request, itemIndex);
				results[itemIndex] = { json, pairedItem: { item: itemIndex } };
			} catch (error) {
				const nodeError = withItemIndex(ctx, error, itemIndex, options.secrets);
				if (!continueOnFail) {
					stopped ??= nodeError;
					return;
				}
				results[itemIndex] = failedItem(nodeError, itemIndex);
			}
		}
	};

	const workers = Math.max(1, Math.min(options.concurrency, items.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (stopped !== undefined) throw stopped;
	return [results];
}
