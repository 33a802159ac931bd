import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

/** The node's field names as the user sees them, by schema key (or one name for a bare value). */
export type FieldLabels = Record<string, string> | string;

const KIND: Record<string, string> = {
	string: 'text',
	number: 'a number',
	nan: 'not a number',
	integer: 'a whole number',
	boolean: 'true or false',
	array: 'a list',
	object: 'an object',
	date: 'a date',
	null: 'empty',
	undefined: 'empty',
	bigint: 'a number',
};

/** zod's default messages ("Required", "Invalid input", ...) in the user's words. */
function problemOf(issue: z.ZodIssue): string {
	switch (issue.code) {
		case z.ZodIssueCode.invalid_type:
			return issue.received === 'undefined' || issue.received === 'null'
				? 'is empty'
				: `must be ${KIND[issue.expected] ?? issue.expected}, not ${KIND[issue.received] ?? issue.received}`;
		case z.ZodIssueCode.invalid_enum_value:
			return `must be one of ${issue.options.map((o) => `"${String(o)}"`).join(', ')}, not "${String(issue.received)}"`;
		case z.ZodIssueCode.invalid_union: {
			// A union of plain types (text or a number, ...): say which ones, and what came instead.
			const branches = issue.unionErrors.flatMap((e) => e.issues).filter((i) => i.code === z.ZodIssueCode.invalid_type);
			if (!branches.length) return 'has a value of the wrong type';
			const expected = [...new Set(branches.map((i) => KIND[i.expected] ?? i.expected))].filter((k) => k !== 'empty');
			const listed = expected.length > 1 ? `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}` : expected[0];
			return `must be ${listed}, not ${KIND[branches[0].received] ?? branches[0].received}`;
		}
		default:
			return issue.message;
	}
}

function fieldOf(path: Array<string | number>, labels: FieldLabels): string | undefined {
	if (typeof labels === 'string') return path.length ? `${labels} ${path.join(' ')}` : labels;
	if (!path.length) return undefined;
	const [head, ...rest] = path;
	const label = labels[String(head)] ?? String(head);
	// "Attachments 2 Property": list positions counted from 1, as the editor shows them.
	return [label, ...rest.map((part) => (typeof part === 'number' ? String(part + 1) : (labels[part] ?? part)))].join(' ');
}

/** Turns a zod failure into sentences that name each field and what is wrong with its value. */
export function describeIssues(error: z.ZodError, labels: FieldLabels = {}): string {
	const sentences = error.issues.map((issue) => {
		const field = fieldOf(issue.path, labels);
		const problem = problemOf(issue);
		if (problem === issue.message || !field) {
			// Custom messages are written with the field's name; add it when they lack it.
			const leaf = typeof labels === 'string' ? labels : fieldOf(issue.path.filter((p) => typeof p === 'string').slice(-1), labels);
			const named = [field, leaf].some((name) => name && issue.message.toLowerCase().includes(name.toLowerCase()));
			return field && !named ? `${field}: ${issue.message}` : issue.message;
		}
		return `${field} ${problem}`;
	});
	return [...new Set(sentences)].join('; ');
}

/**
 * Parses `value` as a field at `path` inside a larger schema: its issues are added to `ctx` under
 * that path, and undefined is returned when there are any.
 */
export function parseInto<S extends z.ZodTypeAny>(ctx: z.RefinementCtx, schema: S, value: unknown, path: Array<string | number> = []): z.output<S> | undefined {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [...path, ...issue.path] });
	return undefined;
}

/**
 * One item's fields checked group after group, each group reading the fields it names: a group is
 * checked only once the ones before it passed, so the error speaks of the first wrong group only
 * (where the message goes before what it says, what it says before how it is sent).
 */
export function inOrder<G extends Record<string, z.ZodTypeAny>>(groups: G) {
	return z.record(z.unknown()).transform((fields, ctx) => {
		const parsed: Partial<{ [K in keyof G]: z.output<G[K]> }> = {};
		for (const name of Object.keys(groups) as Array<keyof G>) {
			const group = parseInto(ctx, groups[name], fields);
			if (group === undefined) return z.NEVER;
			parsed[name] = group;
		}
		return parsed as { [K in keyof G]: z.output<G[K]> };
	});
}

/** A custom issue's own advice, given as `params: { description }`, replaces the general one. */
const ADVICE = 'Nothing was sent for this item. Correct the field (or the expression that fills it) and run again.';

/**
 * Validates one item's parameters before anything is sent: a failure is a NodeOperationError that
 * names the item and the field, so "Continue" and the error output handle it like any other item
 * failure.
 */
export function parseItem<S extends z.ZodTypeAny>(
	ctx: IExecuteFunctions,
	schema: S,
	value: unknown,
	itemIndex: number,
	labels: FieldLabels = {},
): z.output<S> {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const [first] = result.error.issues;
	const advice = first?.code === z.ZodIssueCode.custom && typeof first.params?.description === 'string' ? first.params.description : ADVICE;
	throw new NodeOperationError(ctx.getNode(), describeIssues(result.error, labels), { itemIndex, description: advice });
}
