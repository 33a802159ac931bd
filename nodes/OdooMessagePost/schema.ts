import { z } from 'zod';

import { isHttpUrl } from '../shared/html';

const positiveInt = (what: string) =>
	z
		.union([z.number(), z.string()], {
			// No value at all is usually an expression that found nothing: say so rather than "not a number".
			errorMap: (_issue, ctx) => ({
				message: ctx.data === undefined || ctx.data === null ? `${what} is empty: the expression that fills it gave no value` : `${what} must be a number`,
			}),
		})
		.transform((raw, ctx) => {
			const n = typeof raw === 'string' ? (raw.trim() === '' ? NaN : Number(raw.trim())) : raw;
			if (Number.isInteger(n) && n > 0) return n;
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${what} must be a positive whole number, not "${String(raw)}"` });
			return z.NEVER;
		});

/** Accepts "1, 2", a number, or an array of numbers/numeric strings (what expressions give). */
export const partnerIdList = z
	.union([z.array(z.union([z.number(), z.string()])), z.number(), z.string(), z.null(), z.undefined()], {
		errorMap: () => ({ message: 'Partner IDs must be a comma-separated list or an array of numbers' }),
	})
	.transform((v) => {
		if (v === undefined || v === null) return [];
		if (Array.isArray(v)) return v;
		if (typeof v === 'number') return [v];
		return v
			.split(',')
			.map((s) => s.trim())
			.filter((s) => s !== '');
	})
	.pipe(z.array(positiveInt('Each partner ID')));

export const odooModel = z
	.string()
	.trim()
	.regex(/^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'The model must be a technical name such as res.partner or account.move');

export const httpLink = z
	.string()
	.trim()
	.refine(isHttpUrl, 'The payout link must be an http:// or https:// address');

export const target = z.object({ model: odooModel, recordId: positiveInt('The record ID') });

export const messageOptions = z.object({
	subject: z.string().trim(),
	messageType: z.enum(['comment', 'note']),
	partnerIds: partnerIdList,
	authorId: z.number().int().nonnegative(),
	parentId: z.number().int().nonnegative(),
	replyTo: z.string().trim(),
	emailFrom: z.string().trim(),
	lang: z.string().trim(),
	attachments: z.string(),
});

export const nonEmptyBody = z.string().refine((s) => s.trim() !== '', 'The message body is empty');
