import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INode,
	NodeApiError,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RetryPolicy } from './delivery';
import { AMBIGUOUS_STATUSES, RETRYABLE_STATUSES } from './delivery';
import type { Effect } from './errors';
import { afterUnknownOutcomeFailure, ambiguousFailure, deliveryOf, toNodeApiError, unreachableFailure } from './errors';

export interface HttpAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** A full response as n8n's request helper returns it. */
export interface HttpResponse {
	statusCode: number;
	headers?: unknown;
	body: unknown;
}

/**
 * Sends one request, authenticated with the node's credential. `credentials` is the credential's
 * data when the caller has already read it: n8n then authenticates with it instead of loading and
 * decrypting the credential from its database for every request.
 */
export type HttpRequest = (request: IHttpRequestOptions, credentials?: ICredentialDataDecryptedObject) => Promise<HttpResponse>;

export interface CallOptions {
	service: string;
	request: IHttpRequestOptions;
	retry: RetryPolicy;
	/** Credential values to keep out of error messages. */
	secrets: Array<string | undefined>;
	/** Statuses that prove the request was not carried out (default 429, 503). */
	retryStatuses?: readonly number[];
	/**
	 * Answers that prove nothing was done whatever their status, e.g. a refused login in front of
	 * the request: a 429 or 5xx of theirs is retried like a 503, never taken as "may have been sent".
	 */
	provesNotSent?: (answer: HttpAnswer) => boolean;
	/** The credential's data, when already read (see HttpRequest). Only for credentials n8n does not renew. */
	credentials?: ICredentialDataDecryptedObject;
	/** What the request may have done when its outcome is unknown (default: a message sent). */
	effect?: Effect;
}

/** Connection errors raised before a request could reach the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL']);

/**
 * What n8n's request helper throws: it wraps the HTTP library's error in a NodeApiError that
 * keeps the status or the connection error code in `httpCode` and a JSON body in `context.data`
 * (the original error, and with it the response headers, is not kept).
 */
interface WrappedHttpError {
	code?: string;
	/** Set by a node for a failure before the request left (e.g. its login): nothing was sent. */
	beforeRequest?: boolean;
	httpCode?: string | null;
	message?: string;
	context?: { data?: unknown };
	response?: { status?: number; headers?: HttpAnswer['headers']; data?: unknown };
}

function describeThrown(error: unknown): { status?: number; code?: string; headers?: unknown; body?: unknown; message?: string; beforeRequest?: boolean } {
	const e = (error ?? {}) as WrappedHttpError;
	if (e.beforeRequest) return { code: e.code, message: e.message, beforeRequest: true };
	if (e.response?.status) return { status: e.response.status, headers: e.response.headers, body: e.response.data };
	const httpCode = e.httpCode ?? undefined;
	if (httpCode && /^\d{3}$/.test(httpCode)) return { status: Number(httpCode), body: e.context?.data };
	return { code: e.code ?? httpCode, message: e.message };
}

export function retryAfterMs(headers: HttpAnswer['headers']): number | undefined {
	const raw = headers['retry-after'];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (value === undefined || value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function backoffMs(policy: RetryPolicy, attempt: number): number {
	const exponential = policy.baseDelayMs * 2 ** attempt;
	// Jitter keeps many items throttled at once from retrying in lockstep.
	return Math.min(policy.maxDelayMs, exponential / 2 + Math.random() * (exponential / 2));
}

function lowerCaseHeaders(headers: unknown): HttpAnswer['headers'] {
	const out: HttpAnswer['headers'] = {};
	for (const [key, value] of Object.entries((headers as IDataObject) ?? {})) {
		out[key.toLowerCase()] = value as string | string[] | undefined;
	}
	return out;
}

/** A try that got no answer: the error to throw, and what happened in a word (ECONNRESET, …). */
interface NoAnswer {
	error: NodeApiError;
	what: string;
}

async function attempt(send: HttpRequest, node: INode, options: CallOptions): Promise<HttpAnswer | NoAnswer> {
	try {
		const request: IHttpRequestOptions = {
			...options.request,
			json: true,
			returnFullResponse: true,
			// Every status comes back as an answer: what it means is the service's to say.
			ignoreHttpStatusErrors: true,
		};
		const response = await send(request, options.credentials);
		return { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body: response.body };
	} catch (error) {
		const thrown = describeThrown(error);
		if (thrown.status) return { status: thrown.status, headers: lowerCaseHeaders(thrown.headers), body: thrown.body };
		const what = thrown.beforeRequest ? (thrown.message ?? thrown.code ?? 'failed before sending') : (thrown.code ?? thrown.message ?? 'unknown network error');
		const notSent = thrown.beforeRequest || (thrown.code !== undefined && NOT_SENT_CODES.has(thrown.code));
		const failure = notSent ? unreachableFailure(options.service, what) : ambiguousFailure(options.service, what, options.effect);
		return { error: toNodeApiError(node, failure, options.secrets), what };
	}
}

/**
 * One API call with bounded retries. It returns every HTTP answer it does not retry, so each
 * service decides what its answers mean; it throws a NodeApiError when no answer came.
 *
 * With "Retry When Outcome Unknown", a try may have done the work before the retry that ends the
 * call: a failure then (an error status, or no answer that proves nothing was sent) cannot say
 * "nothing was sent", so it is thrown as "may have been sent".
 */
export async function callApi(send: HttpRequest, node: INode, options: CallOptions): Promise<HttpAnswer> {
	const policy = options.retry;
	/** What made an earlier, retried try's outcome unknown. */
	let unknownEarlier: string | undefined;
	const failAfterUnknown = (last: string) =>
		toNodeApiError(node, afterUnknownOutcomeFailure(options.service, unknownEarlier ?? '', last, options.effect), options.secrets);
	for (let tryNumber = 0; ; tryNumber++) {
		const canRetry = tryNumber < policy.maxRetries;
		const answer = await attempt(send, node, options);
		if (!('status' in answer)) {
			const unknown = deliveryOf(answer.error) === 'unknown';
			if (!canRetry || (unknown && !policy.retryAmbiguous)) {
				throw unknownEarlier !== undefined && !unknown ? failAfterUnknown(`failed: ${answer.what}`) : answer.error;
			}
			if (unknown) unknownEarlier ??= answer.what;
			await sleep(backoffMs(policy, tryNumber));
			continue;
		}
		const provenNotSent = options.provesNotSent?.(answer) === true;
		const ambiguous = !provenNotSent && AMBIGUOUS_STATUSES.includes(answer.status);
		const retryable =
			(options.retryStatuses ?? RETRYABLE_STATUSES).includes(answer.status) ||
			(provenNotSent && (answer.status === 429 || answer.status >= 500)) ||
			(policy.retryAmbiguous && ambiguous);
		const asked = retryable && canRetry ? retryAfterMs(answer.headers) : undefined;
		if (!retryable || !canRetry || (asked !== undefined && asked > policy.maxDelayMs)) {
			if (unknownEarlier !== undefined && answer.status >= 300 && !ambiguous) throw failAfterUnknown(`got HTTP ${answer.status}`);
			return answer;
		}
		if (ambiguous) unknownEarlier ??= `HTTP ${answer.status}`;
		await sleep(asked ?? backoffMs(policy, tryNumber));
	}
}
