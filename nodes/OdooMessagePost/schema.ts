import { z } from 'zod';

import { httpUrl, optionalRecordId, recordId, recordIdList } from '../shared/values';

export const odooModel = z
	.string()
	.trim()
	.regex(/^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'The model must be a technical name such as res.partner or account.move');

export const httpLink = httpUrl('Payout Link');

export const target = z.object({ model: odooModel, recordId: recordId('Record ID') });

export const TARGET_LABELS = { model: 'Model', recordId: 'Record ID' };

export const messageOptions = z.object({
	subject: z.string().trim(),
	messageType: z.enum(['comment', 'note']),
	partnerIds: recordIdList('Additional Partner IDs to Notify'),
	authorId: optionalRecordId('Author Partner ID'),
	parentId: optionalRecordId('Parent Message ID'),
	replyTo: z.string().trim(),
	emailFrom: z.string().trim(),
	lang: z.string().trim(),
	attachments: z.string(),
});

export const MESSAGE_OPTION_LABELS = {
	subject: 'Subject',
	messageType: 'Message Type',
	partnerIds: 'Additional Partner IDs to Notify',
	authorId: 'Author Partner ID',
	parentId: 'Parent Message ID',
	replyTo: 'Reply To',
	emailFrom: 'Email From',
	lang: 'Language',
	attachments: 'Attachments',
};

export const nonEmptyBody = z.string().refine((s) => s.trim() !== '', 'The message body is empty');
