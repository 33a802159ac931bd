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

/**
 * What n8n's request helper throws: it wraps the HTTP library's error in a NodeApiError that
 * keeps the status or the connection error code in `httpCode` and a JSON body in `context.data`
 * (the original error, and with it the response headers, is not kept).
 */
interface WrappedHttpError {
	code?: string;
	httpCode?: string | null;
	message?: string;
	context?: { data?: unknown };
	response?: { status?: number; headers?: HttpAnswer['headers']; data?: unknown };
}

function describeThrown(error: unknown): { status?: number; code?: string; headers?: unknown; body?: unknown; message?: string } {
	const e = (error ?? {}) as WrappedHttpError;
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

async function attempt(ctx: RequestContext, options: CallOptions): Promise<HttpAnswer | NodeApiError> {
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, options.credentialType, {
			...options.request,
			json: true,
			returnFullResponse: true,
			// Every status comes back as an answer: what it means is the service's to say.
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; headers: unknown; body: unknown };
		return { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body: response.body };
	} catch (error) {
		const thrown = describeThrown(error);
		if (thrown.status) return { status: thrown.status, headers: lowerCaseHeaders(thrown.headers), body: thrown.body };
		const what = thrown.code ?? thrown.message ?? 'unknown network error';
		const failure = thrown.code && NOT_SENT_CODES.has(thrown.code) ? unreachableFailure(options.service, what) : ambiguousFailure(options.service, what);
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
