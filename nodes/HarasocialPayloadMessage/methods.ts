import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { harasocialSaid, TOKEN_FIX, TOKEN_REFUSED } from './harasocialErrors';

/**
 * The credential test (node `testedBy`): the send call with empty ids, so nobody gets a message.
 * Harasocial checks the token first (401/403 when refused); a good token gets a validation refusal
 * (HTTP 200, has_error true).
 */
export async function testHarasocialCredential(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = String(data.baseUrl ?? '').trim().replace(/\/+$/, '');
	let answer: { statusCode: number; body: unknown };
	try {
		answer = await send(this, {
			method: 'POST',
			uri: `${baseUrl}/social/messages.json`,
			headers: { Authorization: `Bearer ${String(data.accessToken ?? '')}`, Accept: 'application/json' },
			body: { messaging_type: 'harasocial_facebook_payload_id', recipient: { id: '' }, message: { payload_id: '' }, page_id: '' },
			json: true,
			timeout: 15_000,
		});
	} catch (error) {
		return { status: 'Error', message: `Could not reach Harasocial at ${baseUrl} (${(error as { code?: string }).code ?? 'network error'}). Check the API Base URL.` };
	}
	if (answer.statusCode === 401 || answer.statusCode === 403) return { status: 'Error', message: `${TOKEN_REFUSED}. ${TOKEN_FIX}` };
	if (answer.statusCode >= 200 && answer.statusCode < 300) return { status: 'OK', message: 'Harasocial accepted the access token' };
	const said = harasocialSaid(answer.body);
	return { status: 'Error', message: `Harasocial answered HTTP ${answer.statusCode}${said ? ` (${said})` : ''}. Check the API Base URL: https://apis.harasocial.com, without a path.` };
}

/**
 * Credential tests get only the deprecated `request` helper (ICredentialTestFunctions, n8n 1.123 to
 * 2.x; there is no `httpRequest` there): full response, no throw on 4xx.
 */
async function send(ctx: ICredentialTestFunctions, options: Record<string, unknown>): Promise<{ statusCode: number; body: unknown }> {
	const r = (await ctx.helpers.request({ ...options, resolveWithFullResponse: true, simple: false })) as { statusCode: number; body: unknown };
	return { statusCode: r.statusCode, body: r.body };
}
