import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions, NodeApiError } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ambiguousFailure, deliveryOf, toNodeApiError, unreachableFailure } from './errors';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface HttpAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

export interface RetryPolicy {
	/** Extra tries after the first, for answers that prove nothing was done (429, 502-504, refused). */
	maxRetries: number;
	/** Whether a failure after the request may have reached the server is retried (risks a duplicate). */
	retryAmbiguous: boolean;
	baseDelayMs: number;
	/** Longest wait, including a Retry-After the server asks for; a longer ask fails instead. */
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, retryAmbiguous: false, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface CallOptions {
	service: string;
	credentialType: string;
	request: IHttpRequestOptions;
	retry: RetryPolicy;
	/**
	 * Let n8n log in again and repeat the request once on a 401 (credentials with preAuthentication).
	 * Other credentials get every status back as an answer.
	 */
	reloginOn401?: boolean;
	/** Credential values to keep out of error messages. */
	secrets: Array<string | undefined>;
	/** Statuses that prove the request was not carried out (default 429, 502, 503). */
	retryStatuses?: readonly number[];
}

/** Statuses that say the server did not do the work, so repeating the request cannot duplicate it. */
export const RETRYABLE_STATUSES: readonly number[] = [429, 502, 503];
/** A gateway timeout: the server behind the proxy may still have done the work. */
export const AMBIGUOUS_STATUSES: readonly number[] = [504];
/** Connection errors raised before a request could reach the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL']);

interface HttpLibraryError {
	code?: string;
	message?: string;
	response?: { status?: number; headers?: HttpAnswer['headers']; data?: unknown };
	cause?: unknown;
}

function rootCause(error: unknown): HttpLibraryError {
	let current = error as HttpLibraryError;
	// n8n wraps the HTTP library's error in a NodeApiError whose `cause` is the original.
	for (let depth = 0; depth < 3 && current?.cause && typeof current.cause === 'object'; depth++) {
		if (current.response || current.code) break;
		current = current.cause as HttpLibraryError;
	}
	return current ?? {};
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

async function attempt(ctx: RequestContext, options: CallOptions): Promise<HttpAnswer | NodeApiError> {
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, options.credentialType, {
			...options.request,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: !options.reloginOn401,
		})) as { statusCode: number; headers: unknown; body: unknown };
		return { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body: response.body };
	} catch (error) {
		const cause = rootCause(error);
		if (cause.response?.status) {
			return { status: cause.response.status, headers: lowerCaseHeaders(cause.response.headers), body: cause.response.data };
		}
		const what = cause.code ?? cause.message ?? 'unknown network error';
		const failure = cause.code && NOT_SENT_CODES.has(cause.code) ? unreachableFailure(options.service, what) : ambiguousFailure(options.service, what);
		return toNodeApiError(ctx.getNode(), failure, options.secrets);
	}
}

/**
 * One API call with bounded retries. It returns every HTTP answer it does not retry, so each
 * service decides what its answers mean; it throws a NodeApiError when no answer came.
 */
export async function callApi(ctx: RequestContext, options: CallOptions): Promise<HttpAnswer> {
	const policy = options.retry;
	for (let tryNumber = 0; ; tryNumber++) {
		const canRetry = tryNumber < policy.maxRetries;
		const answer = await attempt(ctx, options);
		if (!('status' in answer)) {
			const retryable = deliveryOf(answer) === 'not-sent' || policy.retryAmbiguous;
			if (!canRetry || !retryable) throw answer;
			await sleep(backoffMs(policy, tryNumber));
			continue;
		}
		const retryable =
			(options.retryStatuses ?? RETRYABLE_STATUSES).includes(answer.status) ||
			(policy.retryAmbiguous && AMBIGUOUS_STATUSES.includes(answer.status));
		if (!retryable || !canRetry) return answer;
		const asked = retryAfterMs(answer.headers);
		if (asked !== undefined && asked > policy.maxDelayMs) return answer;
		await sleep(asked ?? backoffMs(policy, tryNumber));
	}
}
