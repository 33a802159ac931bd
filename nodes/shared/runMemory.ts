import type { IDataObject, IExecuteFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * What one run of a node did to its items, kept so that n8n's "Retry On Fail" (which runs the node
 * again in the same execution, same run index, same input) does not send an item twice.
 */
export interface RunRecord {
	/** Output JSON of every item that was delivered, by item index. */
	delivered: Map<number, IDataObject>;
	/** Items whose request may have reached the service: re-sending them could duplicate. */
	unknown: Map<number, { error: NodeApiError | NodeOperationError; description: string }>;
	touchedAt: number;
}

/** Long enough for n8n's retries (at most 5 tries, 5 s apart) after the longest run stopped. */
export const RUN_MEMORY_TTL_MS = 60 * 60_000;
/** Records kept at most; the least recently used goes first. Only failed runs keep one. */
export const RUN_MEMORY_MAX = 1000;

// Module scope: one record per node run in this n8n process (main or worker), where n8n's retries of
// that run happen too. Expired records are dropped on access: nodes may not use timers.
const runs = new Map<string, RunRecord>();

function prune(now: number) {
	for (const [key, record] of runs) {
		if (now - record.touchedAt > RUN_MEMORY_TTL_MS) runs.delete(key);
	}
	while (runs.size > RUN_MEMORY_MAX) runs.delete(runs.keys().next().value as string);
}

/**
 * The key of this node run: execution id, node name and run index (a loop runs the node again with
 * a new run index and new items; a retry keeps both). Undefined when n8n gives no execution id.
 */
export function runKey(ctx: IExecuteFunctions): string | undefined {
	const executionId = ctx.getExecutionId?.();
	if (!executionId) return undefined;
	let runIndex = 0;
	try {
		runIndex = Number(ctx.getWorkflowDataProxy(0).$runIndex) || 0;
	} catch {
		// Without a data proxy the node runs once per execution (no loop can re-enter it).
	}
	return JSON.stringify([executionId, ctx.getNode().name, runIndex]);
}

/** The record of this run, new or left by an earlier try of the same run. */
export function openRun(key: string, now = Date.now()): RunRecord {
	let record = runs.get(key);
	if (record) runs.delete(key); // re-inserted below: Map order is the eviction order
	record ??= { delivered: new Map(), unknown: new Map(), touchedAt: now };
	record.touchedAt = now;
	runs.set(key, record);
	prune(now);
	return record;
}

/** A run that ended without failures will not be retried: its record is not needed. */
export function closeRun(key: string) {
	runs.delete(key);
}

/** For tests: how many records the process holds. */
export function runMemorySize(): number {
	return runs.size;
}
