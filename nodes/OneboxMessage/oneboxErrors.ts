import type { OneboxLoginFailure } from '../../credentials/OneboxApi.credentials';
import type { ApiFailure } from '../shared/errors';
import { clip, genericStatusFailure } from '../shared/errors';

/**
 * Onebox's error body: `{"_meta": {"status": "ERROR"}, "records": {"errorCode", "userMessage",
 * "devMessage", ...}}`, or a third party's error passed through as `{"error": ...}` (even with
 * HTTP 200).
 */
export interface OneboxErrorBody {
	_meta?: { status?: string };
	records?: { errorCode?: number | string; userMessage?: unknown; devMessage?: unknown };
	error?: unknown;
	message?: unknown;
}

const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

function text(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
		return (value as { message: string }).message;
	}
	return JSON.stringify(value);
}

/** Onebox's own words in an answer: `records.userMessage`, a passed-through `error`, or `message`. */
export function apiMessageOf(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() === '' ? undefined : clip(body.replace(JWT, '***'), 300);
	if (typeof body !== 'object' || body === null) return undefined;
	const b = body as OneboxErrorBody;
	const said = text(b.records?.userMessage) ?? text(b.error) ?? text(b.message);
	// A token never belongs in an error, whatever the server echoed.
	return said?.replace(JWT, '***');
}

/**
 * A 401 that a new login fixes: "Expired token", or any other refusal of the token. Not the
 * quota 401 ("time limit reached ..."): logging in again does not lift a quota.
 */
export function isTokenRefused(status: number, body: unknown): boolean {
	return status === 401 && quotaWindow(apiMessageOf(body)) === undefined;
}

const QUOTA = /time limit reached/i;

/** "time limit reached please try again tomorrow at 18:00 - 06:00": the window it names. */
export function quotaWindow(message: string | undefined): { from: string; to: string } | undefined {
	if (!message || !QUOTA.test(message)) return undefined;
	const window = /(\d{1,2}[:.]\d{2})\s*-\s*(\d{1,2}[:.]\d{2})/.exec(message);
	return window ? { from: window[1], to: window[2] } : { from: '', to: '' };
}

function quotaFailure(status: number, apiMessage: string): ApiFailure {
	const window = quotaWindow(apiMessage)!;
	const when = window.from
		? `Onebox names the window ${window.from} - ${window.to}: run this item again tomorrow between ${window.from} and ${window.to} (Onebox server time), for example from a schedule that starts at ${window.from}.`
		: 'Run this item again tomorrow, at the time Onebox names.';
	return {
		message: `Onebox's API time limit is reached for this account: "${clip(apiMessage, 200)}"`,
		description: `This is Onebox's usage quota, not a wrong password or an expired token. Nothing was sent and the node did not retry. ${when}`,
		httpCode: status,
		apiMessage,
		delivery: 'not-sent',
	};
}

/** The failure for a refused login (see OneboxApi.preAuthentication). */
export function loginFailure(login: OneboxLoginFailure): ApiFailure {
	if (quotaWindow(login.userMessage)) return quotaFailure(login.status, login.userMessage!);
	const said = login.userMessage ? `: ${clip(login.userMessage, 200)}` : '';
	return {
		message:
			login.status === 200
				? `Onebox answered the login of ${login.email} on site ${login.siteId} without a token${said}`
				: `Onebox refused the login of ${login.email} on site ${login.siteId} (HTTP ${login.status})${said}`,
		description:
			'Nothing was sent. Check Email, Password and Site ID in the Onebox credential, and that its Host URL points at your Onebox server (https://cloud.onebox.co.id for production, https://ocdev.ciptadrasoft.net for development).',
		httpCode: login.status === 200 ? undefined : login.status,
		apiMessage: login.userMessage,
		delivery: 'not-sent',
	};
}

/** Whether a refused login will be refused again with the same credential (so not retried per item). */
export function isDefinitiveLoginFailure(login: OneboxLoginFailure): boolean {
	return login.status !== 0 && login.status < 500 && login.status !== 429;
}

type Entry = (said: string, channel: string) => Omit<ApiFailure, 'httpCode' | 'apiMessage' | 'delivery'>;

// Every error answer of POST /api/message means the message was not created.
const BY_STATUS: Record<number, Entry> = {
	400: (said) => ({
		message: `Onebox refused the message${said}`,
		description: 'Nothing was sent. Correct the field Onebox names (or the expression that fills it) and run the item again.',
	}),
	401: (said) => ({
		message: `Onebox did not accept the session token${said}`,
		description:
			'Nothing was sent. The node logged in again once and Onebox still refused the token. Check the credential\'s Site ID and that the user may use the API.',
	}),
	403: (said, channel) => ({
		message: `The Onebox user may not send this message${said}`,
		description: `Nothing was sent. Check that the credential's user has access to the ${channel} connection.`,
	}),
	404: (said) => ({
		message: `Onebox does not know this connection or message${said}`,
		description: 'Nothing was sent. Check the Connection, and the Conversation ID or Previous Message ID if set. Check the credential\'s Host URL too.',
	}),
	422: (said) => ({
		message: `Onebox refused the message${said}`,
		description: 'Nothing was sent. Correct the field Onebox names (or the expression that fills it) and run the item again.',
	}),
};

/** The failure for an error answer of Onebox (HTTP status, after the transport's retries). */
export function oneboxFailure(status: number, body: unknown, channel: string): ApiFailure {
	const apiMessage = apiMessageOf(body);
	if (status === 401 && quotaWindow(apiMessage)) return quotaFailure(status, apiMessage!);
	const entry = BY_STATUS[status];
	if (entry) return { ...entry(apiMessage ? `: ${clip(apiMessage)}` : '', channel), httpCode: status, apiMessage, delivery: 'not-sent' };
	return genericStatusFailure('Onebox', status, apiMessage);
}

/** Whether a 2xx body carries `error`: a channel's refusal that Onebox passed on. */
export function passedOnError(body: unknown): boolean {
	if (typeof body !== 'object' || body === null || !('error' in body)) return false;
	const error = (body as { error: unknown }).error;
	return error !== null && error !== undefined && error !== false && error !== '';
}

/** A 200 whose body carries `error`: Onebox passed on the channel's refusal. */
export function passedOnFailure(body: unknown, channel: string): ApiFailure {
	const apiMessage = apiMessageOf(body) ?? 'unknown error';
	if (quotaWindow(apiMessage)) return quotaFailure(200, apiMessage);
	return {
		message: `Onebox passed on an error from ${channel}: ${clip(apiMessage)}`,
		description: `${channel} refused the message, so it was not delivered (Onebox answered HTTP 200 with an error). Check the fields the error names, and that the ${channel} connection in Onebox is still authorised.`,
		apiMessage,
		delivery: 'not-sent',
	};
}

/** A 200 without the created message: it may exist, so this is never retried. */
export function noMessageFailure(): ApiFailure {
	return {
		message: 'Onebox answered without the created message',
		description: 'The message may have been created. Check the conversation in Onebox before running this item again.',
		delivery: 'unknown',
	};
}
