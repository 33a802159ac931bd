import { z } from 'zod';

export const MESSAGING_TYPES = ['harasocial_facebook_payload_id'] as const;
export const METADATA_MAX_CHARACTERS = 500;

/**
 * A Facebook id as a string of digits. Expressions may give a number: it is accepted while it is
 * exact (ids longer than 15-16 digits lose digits as JavaScript numbers).
 */
const facebookId = (what: string) =>
	z
		.union([z.string(), z.number()], { errorMap: () => ({ message: `${what} must be a string of digits` }) })
		.transform((raw, ctx) => {
			if (typeof raw === 'number' && !(Number.isSafeInteger(raw) && raw >= 0)) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					message: `${what} ${String(raw)} is not exact as a number: pass the id as text, as Facebook and Harasocial give it`,
				});
				return z.NEVER;
			}
			const id = String(raw).trim();
			if (id === '') ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${what} is empty` });
			else if (!/^\d+$/.test(id)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${what} must contain digits only, not "${id}"` });
			return id;
		});

const payloadId = z
	.string({ errorMap: () => ({ message: 'The payload ID must be text such as __hrf_f_…' }) })
	.trim()
	.superRefine((id, ctx) => {
		if (id === '') ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'The payload ID is empty' });
		else if (!/^__hrf_\S+$/.test(id)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `The payload ID must start with __hrf_ (two underscores) and contain no spaces, not "${id.slice(0, 80)}"`,
			});
		}
	});

/** Optional; counted in characters (code points), so "é" and emoji count once each. */
const metadata = z
	.union([z.string(), z.number(), z.null(), z.undefined()], { errorMap: () => ({ message: 'Metadata must be text' }) })
	.transform((raw) => (raw === null || raw === undefined ? '' : String(raw)))
	.superRefine((value, ctx) => {
		const length = [...value].length;
		if (length > METADATA_MAX_CHARACTERS) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `Metadata is ${length} characters long; Harasocial allows at most ${METADATA_MAX_CHARACTERS}`,
			});
		}
	})
	.transform((value) => (value.trim() === '' ? undefined : value));

/** One item's fields -> the validated values of one send. */
export const payloadMessage = z.object({
	pageId: facebookId('Page ID'),
	recipientId: facebookId('Recipient PSID'),
	payloadId,
	metadata,
	messagingType: z.enum(MESSAGING_TYPES, {
		errorMap: () => ({ message: `The messaging type must be ${MESSAGING_TYPES.join(' or ')}` }),
	}),
});

export type PayloadMessage = z.output<typeof payloadMessage>;

/** The editor's names of the fields, for validation messages. */
export const FIELD_LABELS = { pageId: 'Page ID', recipientId: 'Recipient PSID', payloadId: 'Payload ID', metadata: 'Metadata', messagingType: 'Messaging Type' };

/** The request body Harasocial documents, metadata left out when empty. */
export function requestBody(message: PayloadMessage) {
	return {
		messaging_type: message.messagingType,
		recipient: { id: message.recipientId },
		message: { payload_id: message.payloadId },
		page_id: message.pageId,
		...(message.metadata === undefined ? {} : { metadata: message.metadata }),
	};
}
