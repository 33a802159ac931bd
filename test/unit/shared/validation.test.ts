import { z } from 'zod';

import { describeIssues } from '../../../nodes/shared/validation';

test('zod defaults become sentences naming the field', () => {
	const schema = z.object({ to: z.string(), channel: z.enum(['email', 'whatsapp']), list: z.array(z.object({ url: z.string() })) });
	const result = schema.safeParse({ channel: 'fax', list: [{ url: 3 }] });
	expect(describeIssues(result.error!, { to: 'To', channel: 'Channel', list: 'URL Attachments', url: 'URL' })).toBe(
		'To is empty; Channel must be one of "email", "whatsapp", not "fax"; URL Attachments 1 URL must be text, not a number',
	);
});
