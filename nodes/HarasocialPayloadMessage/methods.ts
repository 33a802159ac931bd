import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { LOOKUP_RETRY, LOOKUP_TIMEOUT_MS } from '../shared/delivery';
import { clip, redact } from '../shared/errors';
import { credentialTestNode, credentialTestRequest } from '../shared/n8nHttp';
import type { HttpResponse } from '../shared/transport';
import type { HarasocialCredentials } from './harasocialClient';
import { HarasocialClient } from './harasocialClient';
import type { HarasocialEnvelope } from './harasocialErrors';
import { harasocialSaid, TOKEN_FIX, TOKEN_REFUSED } from './harasocialErrors';

/**
 * The credential test (node `testedBy`): the send call with empty ids, so nobody gets a message.
 * Harasocial checks the token first (401/403 when refused); a good token gets a validation refusal
 * (HTTP 200, has_error true).
 */
export async function testHarasocialCredential(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as HarasocialCredentials;
	const token = String(data.accessToken ?? '');
	const test = credentialTestNode('Harasocial credential test', 'harasocialPayloadMessage');
	const client = new HarasocialClient(credentialTestRequest(this, `Bearer ${token}`), test, data, LOOKUP_RETRY, LOOKUP_TIMEOUT_MS);
	const baseUrl = client.baseUrl;
	let answer: HttpResponse;
	try {
		answer = await client.tryOnce({ messaging_type: 'harasocial_facebook_payload_id', recipient: { id: '' }, message: { payload_id: '' }, page_id: '' });
	} catch (error) {
		return { status: 'Error', message: redact(`Could not reach Harasocial at ${baseUrl} (${(error as { code?: string }).code ?? 'network error'}). Check the API Base URL.`, [token]) };
	}
	const said = harasocialSaid(answer.body);
	const safe = (text: string) => ({ status: 'Error' as const, message: redact(text, [token]) });
	const refusedToken = `${TOKEN_REFUSED}${said ? ` (${clip(said, 200)})` : ''}. ${TOKEN_FIX}`;
	if (answer.statusCode === 401 || answer.statusCode === 403) return safe(refusedToken);
	if (answer.statusCode >= 200 && answer.statusCode < 300) {
		const body = answer.body as HarasocialEnvelope | undefined;
		if (typeof body !== 'object' || body === null || typeof body.has_error !== 'boolean') {
			return safe(`${baseUrl} answered HTTP ${answer.statusCode} but not with Harasocial's {"has_error": ...} envelope. ${BASE_URL_FIX}`);
		}
		// The empty test message is refused for its missing ids once the token passed; a refusal of
		// the token itself can come as HTTP 200 too.
		if (body.has_error && TOKEN_CODES.test(String(body.error_code ?? ''))) return safe(refusedToken);
		return { status: 'OK', message: 'Harasocial accepted the access token' };
	}
	return safe(`Harasocial answered HTTP ${answer.statusCode}${said ? ` (${clip(said, 200)})` : ''}. ${BASE_URL_FIX}`);
}

const BASE_URL_FIX = 'Check the API Base URL: https://apis.harasocial.com, without a path.';
/** error_code values that refuse the token rather than the (empty) message. */
const TOKEN_CODES = /unauthori[sz]ed|forbidden|invalid_token|token|scope|permission/i;
