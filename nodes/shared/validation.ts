import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

/** Turns a zod failure into one sentence an operator can act on. */
export function describeIssues(error: z.ZodError): string {
	return error.issues.map((issue) => issue.message).join('; ');
}

/**
 * Validates one item's parameters before anything is sent: a failure is a NodeOperationError that
 * names the item, so "Continue" and the error output handle it like any other item failure.
 */
export function parseItem<S extends z.ZodTypeAny>(ctx: IExecuteFunctions, schema: S, value: unknown, itemIndex: number): z.output<S> {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	throw new NodeOperationError(ctx.getNode(), describeIssues(result.error), {
		itemIndex,
		description: 'Nothing was sent for this item. Correct the field (or the expression that fills it) and run again.',
	});
}
