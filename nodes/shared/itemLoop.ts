import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { redact } from './errors';
import type { RunRecord } from './runMemory';
import { closeRun, openRun, runKey } from './runMemory';

export interface ItemSender<Request> {
	/** Reads and validates one item's parameters; throws a NodeOperationError naming the item. */
	prepare(itemIndex: number): Promise<Request> | Request;
	/** Sends one validated request; returns the output item's JSON. */
	send(request: Request, itemIndex: number): Promise<IDataObject>;
}

export interface LoopOptions {
	/** Requests in flight at once; each item is still sent at most once. */
	concurrency: number;
	/** Items per batch; 0 (or more than there are items) sends all items as one batch. */
	batchSize?: number;
	/**
	 * Milliseconds from the start of one batch to the start of the next. The next batch also waits
	 * for the previous one to finish, so batches never overlap and `concurrency` bounds the whole run.
	 */
	batchIntervalMs?: number;
	/** Credential values that must never show in an error (API keys, tokens, passwords). */
	secrets: Array<string | undefined>;
	/**
	 * "Retry When Outcome Unknown": when n8n runs the node again, also send again the items whose
	 * earlier try may have reached the service.
	 */
	retryUnknown?: boolean;
}

type ItemError = NodeApiError | NodeOperationError;

const NOT_SENT_AGAIN =
	' n8n ran the node again (Retry On Fail), and this item was not sent again: its earlier try may have reached the service. Turn on "Retry When Outcome Unknown" to send such items again.';

/** "1, 2 and 4": item numbers as n8n's item list shows them, counting from 1. */
export function itemList(indexes: number[]): string {
	const numbers = indexes.map((i) => String(i + 1));
	return numbers.length <= 1 ? numbers.join('') : `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/** What a stopped run leaves behind, added to its error so nobody sends the delivered items again. */
function describeStop(error: ItemError, results: INodeExecutionData[], total: number) {
	const delivered = results.flatMap((item, index) => (item && !item.error ? [index] : []));
	error.context.deliveredItems = delivered;
	const said = delivered.length
		? `Items delivered before the node stopped: ${itemList(delivered)} (of ${total}, counting from 1); their output is kept for n8n's Retry On Fail in this execution.`
		: 'No item was delivered before the node stopped.';
	const base = error.description ?? '';
	error.description = base ? `${base} ${said}` : said;
}

/** Errors already handed to an item: a shared failure (one failed login for all) is copied per item. */
const claimed = new WeakSet<object>();

function ownCopy<E extends NodeApiError | NodeOperationError>(error: E): E {
	if (!claimed.has(error)) {
		claimed.add(error);
		return error;
	}
	// Descriptors, not Object.assign: an error's message and stack are not enumerable.
	const copy = Object.create(Object.getPrototypeOf(error) as object, Object.getOwnPropertyDescriptors(error)) as E;
	copy.context = { ...error.context };
	claimed.add(copy);
	return copy;
}

function withItemIndex(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	secrets: LoopOptions['secrets'],
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		const own = ownCopy(error);
		own.context.itemIndex = itemIndex;
		return own;
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

const wholeNumber = (value: number | undefined, min: number) =>
	Number.isFinite(value) ? Math.max(min, Math.floor(value as number)) : min;

/**
 * validate -> send -> paired output, for every input item, in input order. Items go out in
 * batches (all items form one batch unless `batchSize` is set); within a batch at most
 * `concurrency` requests are in flight, and the next batch starts `batchIntervalMs` after the
 * previous one started, once it has finished. A failing item either stops the node (the error
 * names the item; nothing more is sent) or, with "Continue", becomes an error item while the
 * other items carry on.
 */
export async function processItems<Request>(
	ctx: IExecuteFunctions,
	sender: ItemSender<Request>,
	options: LoopOptions,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const total = items.length;
	const results: INodeExecutionData[] = new Array(total);
	const continueOnFail = ctx.continueOnFail();
	const concurrency = wholeNumber(options.concurrency, 1);
	const batchSize = wholeNumber(options.batchSize, 0) || total;
	const intervalMs = wholeNumber(options.batchIntervalMs, 0);
	const cancelled = ctx.getExecutionCancelSignal?.();
	const key = runKey(ctx);
	const record: RunRecord | undefined = key === undefined ? undefined : openRun(key);
	let stopped: ItemError | undefined;
	let failures = 0;
	/** Items that went to the service in the current batch (not replayed from an earlier try). */
	let sentInBatch = 0;

	const fail = (nodeError: ItemError, itemIndex: number) => {
		failures++;
		if (!continueOnFail) stopped ??= nodeError;
		else results[itemIndex] = failedItem(nodeError, itemIndex);
	};

	const sendOne = async (itemIndex: number) => {
		const earlier = record?.delivered.get(itemIndex);
		if (earlier) {
			results[itemIndex] = { json: earlier, pairedItem: { item: itemIndex } };
			return;
		}
		const unknown = record?.unknown.get(itemIndex);
		if (unknown && !options.retryUnknown) {
			unknown.error.description = `${unknown.description}${NOT_SENT_AGAIN}`;
			fail(unknown.error, itemIndex);
			return;
		}
		try {
			const request = await sender.prepare(itemIndex);
			sentInBatch++;
			const json = await sender.send(request, itemIndex);
			results[itemIndex] = { json, pairedItem: { item: itemIndex } };
			if (record) {
				record.delivered.set(itemIndex, json);
				record.unknown.delete(itemIndex);
			}
		} catch (error) {
			const nodeError = withItemIndex(ctx, error, itemIndex, options.secrets);
			if (record && nodeError.context.delivery === 'unknown') {
				record.unknown.set(itemIndex, { error: nodeError, description: nodeError.description ?? '' });
			}
			fail(nodeError, itemIndex);
		}
	};

	let batchStartedAt = 0;
	for (let start = 0; start < total && stopped === undefined; start += batchSize) {
		// A batch replayed from an earlier try sent nothing: the next one need not wait for it.
		if (start > 0 && intervalMs > 0 && sentInBatch > 0) {
			const wait = batchStartedAt + intervalMs - Date.now();
			if (wait > 0) await sleep(wait);
		}
		batchStartedAt = Date.now();
		sentInBatch = 0;
		const end = Math.min(total, start + batchSize);
		let next = start;
		const worker = async () => {
			while (stopped === undefined && next < end && !cancelled?.aborted) await sendOne(next++);
		};
		const workers = Math.min(concurrency, end - start);
		if (workers === 1) await worker();
		else await Promise.all(Array.from({ length: workers }, worker));
		if (cancelled?.aborted && stopped === undefined && next < total) {
			// n8n discards a cancelled execution's output; what matters is that nothing more is sent.
			stopped = new NodeOperationError(ctx.getNode(), `The execution was cancelled: items ${next + 1} to ${total} were not sent`, {
				itemIndex: next,
			});
		}
	}
	if (key !== undefined) {
		// A run without failures is not retried by n8n; a failed one may be, within seconds.
		if (stopped === undefined && failures === 0) closeRun(key);
		else openRun(key);
	}
	if (stopped !== undefined) {
		describeStop(stopped, results, total);
		throw stopped;
	}
	return [results];
}
