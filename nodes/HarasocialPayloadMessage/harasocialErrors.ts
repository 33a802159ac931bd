import type { ApiFailure } from '../shared/errors';
import { clip, genericStatusFailure } from '../shared/errors';

/** What the credential test and the node say when Harasocial refuses the token (401/403). */
export const TOKEN_REFUSED = 'Harasocial refused the access token: it is invalid or missing the social.conv scope';
export const TOKEN_FIX =
	'Create a private app in the Haravan developer dashboard with the social.conv scope and copy its access token into the Harasocial credential.';

/** Harasocial's documented answer envelope. */
export interface HarasocialEnvelope {
	data?: { success?: unknown } | null;
	has_error?: unknown;
	error_code?: unknown;
	error_message?: unknown;
}

/** Other bodies seen in front of Harasocial: Haravan's throttling answer and ASP.NET problem details. */
interface OtherErrorBody {
	errors?: unknown;
	title?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** Harasocial's own words in an answer, whichever of its shapes it came in. */
export function harasocialSaid(body: unknown): string | undefined {
	if (typeof body === 'string') return text(body);
	if (!isObject(body)) return undefined;
	const envelope = body as HarasocialEnvelope;
	const code = text(envelope.error_code);
	const message = text(envelope.error_message);
	if (code || message) return [code, message].filter(Boolean).join(': ');
	const other = body as OtherErrorBody;
	if (text(other.errors)) return text(other.errors);
	const details = isObject(other.errors) ? Object.values(other.errors).flat().filter((v) => typeof v === 'string') : [];
	const parts = [text(other.title), ...details].filter(Boolean);
	return parts.length ? parts.join(' ') : undefined;
}

/** Success is only the documented envelope with has_error false and data.success true. */
export function isAccepted(body: unknown): boolean {
	return isObject(body) && body.has_error === false && isObject(body.data) && body.data.success === true;
}

const WINDOW = /window|24.?hour|\(#10\)/i;

/** A 2xx answer that is not an acceptance: a refusal (has_error true) or a shape nobody documented. */
export function refusalFailure(status: number, body: unknown): ApiFailure {
	if (isObject(body) && body.has_error === true) {
		const apiMessage = harasocialSaid(body) ?? 'no error code or message given';
		return {
			message: `Harasocial refused the message: ${clip(apiMessage)}`,
			description: WINDOW.test(apiMessage)
				? 'Nothing was sent. Facebook lets a page message a user only within 24 hours of the user\'s last message to the page: send this flow after the user writes again.'
				: 'Nothing was sent. Check the page ID (a page connected to Harasocial), the recipient PSID (a user of that page, inside the 24-hour messaging window) and the payload ID (from a published flow of that page).',
			apiMessage,
			delivery: 'not-sent',
		};
	}
	const shown = typeof body === 'string' ? body : JSON.stringify(body ?? null);
	return {
		message: `Harasocial's answer was not understood (HTTP ${status}): ${clip(shown ?? '', 200)}`,
		description:
			'The answer is not Harasocial\'s documented {"data": {"success": true}, "has_error": false} envelope, so the message may have been accepted. Check the conversation in Harasocial before running this item again, and check the credential\'s API Base URL.',
		httpCode: status,
		delivery: 'unknown',
	};
}

/** The failure for a non-2xx answer, after the transport's retries of 429/503. */
export function statusFailure(status: number, body: unknown): ApiFailure {
	const apiMessage = harasocialSaid(body);
	const said = apiMessage ? ` (${clip(apiMessage, 200)})` : '';
	if (status === 401 || status === 403) {
		const pageHint = status === 403 ? ' If the token has that scope, check that the page belongs to the Harasocial account the app was created for.' : '';
		return { message: `${TOKEN_REFUSED}${said}`, description: `Nothing was sent. ${TOKEN_FIX}${pageHint}`, httpCode: status, apiMessage, delivery: 'not-sent' };
	}
	if (status === 404 || status === 405) {
		return {
			message: `Harasocial has no such endpoint (HTTP ${status})${said}`,
			description: 'Nothing was sent. Check the credential\'s API Base URL: it should be https://apis.harasocial.com, without a path.',
			httpCode: status,
			apiMessage,
			delivery: 'not-sent',
		};
	}
	return genericStatusFailure('Harasocial', status, apiMessage);
}
