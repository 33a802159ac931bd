import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What a failed call means for the message: it decides whether retrying can send it twice. */
export type Delivery = 'not-sent' | 'unknown';

export interface ApiFailure {
	/** What happened, in one line. */
	message: string;
	/** How to fix it. */
	description: string;
	httpCode?: number;
	/** The API's own words, when it gave some. */
	apiMessage?: string;
	delivery: Delivery;
}

/** What a request that may have reached the service may have done, in the node's words. */
export interface Effect {
	/** e.g. "the message may have been sent". */
	mayHaveHappened: string;
	/** Where to look before running the item again, e.g. "check the recipient". */
	check: string;
}

export const MESSAGE_EFFECT: Effect = { mayHaveHappened: 'the message may have been sent', check: 'check the recipient' };

export function ambiguousFailure(service: string, what: string, effect: Effect = MESSAGE_EFFECT): ApiFailure {
	return {
		message: `No answer from ${service} (${what}): ${effect.mayHaveHappened}`,
		description: `The request may have reached the service before the connection failed, so ${effect.mayHaveHappened}. It was not retried, to avoid a duplicate: ${effect.check} before running this item again, or turn on "Retry When Outcome Unknown" if duplicates are acceptable.`,
		delivery: 'unknown',
	};
}

/**
 * A retried call whose last try failed although an earlier one may have done the work (only with
 * "Retry When Outcome Unknown"): the last answer no longer proves that nothing was sent.
 */
export function afterUnknownOutcomeFailure(service: string, earlier: string, last: string, effect: Effect = MESSAGE_EFFECT): ApiFailure {
	return {
		message: `No definite answer from ${service}: an earlier try failed after the request was sent (${earlier}), the last one ${last}: ${effect.mayHaveHappened}`,
		description: `"Retry When Outcome Unknown" retried the request. The earlier try may have reached the service, so ${effect.mayHaveHappened}, even more than once: ${effect.check} before running this item again.`,
		delivery: 'unknown',
	};
}

export function unreachableFailure(service: string, what: string): ApiFailure {
	return {
		message: `Could not connect to ${service}: ${what}`,
		description: `Nothing was sent. Check the URL in the ${service} credential and that the server is reachable from n8n.`,
		delivery: 'not-sent',
	};
}

/** Replaces every secret (API key, token, password) that could have been echoed back in a text. */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('***');
	}
	return out.replace(/(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1***');
}

/** Shortens a text from an API so an error stays readable (Odoo may send whole tracebacks). */
export function clip(text: string, max = 500): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/**
 * Builds the NodeApiError from a sanitized object, never from the HTTP library's error: that one
 * carries the request's headers, and so the credential.
 */
export function toNodeApiError(
	node: INode,
	failure: ApiFailure,
	secrets: Array<string | undefined>,
	itemIndex?: number,
): NodeApiError {
	const message = redact(failure.message, secrets);
	const description = redact(failure.description, secrets);
	const error = new NodeApiError(
		node,
		{ message, description, httpCode: failure.httpCode ?? null, delivery: failure.delivery } as JsonObject,
		{
			message,
			description,
			httpCode: failure.httpCode ? String(failure.httpCode) : undefined,
			itemIndex,
		},
	);
	// NodeApiError rewrites messages that mention a network error code into its generic texts.
	error.message = message;
	error.description = description;
	error.context.delivery = failure.delivery;
	if (failure.apiMessage) error.context.apiMessage = redact(failure.apiMessage, secrets);
	return error;
}

/**
 * What every service's throttling and outage answers mean, once the transport has given up
 * retrying them. Service-specific tables handle the other statuses.
 */
export function genericStatusFailure(service: string, status: number, apiMessage?: string): ApiFailure {
	const said = apiMessage ? `: ${clip(apiMessage)}` : '';
	if (status === 429) {
		return {
			message: `${service} is throttling requests (HTTP 429)${said}`,
			description: `Nothing was sent for this item; retries with backoff did not get through. Lower "Requests In Flight" or run fewer items at once, then run this item again.`,
			httpCode: status,
			apiMessage,
			delivery: 'not-sent',
		};
	}
	if (status === 502 || status === 504) {
		return {
			message:
				status === 504
					? `${service} did not answer in time (HTTP 504 from a gateway)${said}: the message may have been sent`
					: `${service}'s gateway lost the connection to the server (HTTP 502)${said}: the message may have been sent`,
			description:
				'A proxy answers this when the server behind it took too long or dropped the connection, possibly after receiving the request: the server may still have carried it out, so the message may have been sent. It was not retried, to avoid a duplicate: check the recipient before running this item again, or turn on "Retry When Outcome Unknown" if duplicates are acceptable.',
			httpCode: status,
			apiMessage,
			delivery: 'unknown',
		};
	}
	if (status === 503) {
		return {
			message: `${service} is unavailable (HTTP 503)${said}`,
			description: 'Nothing was sent for this item; retries with backoff did not get through. The service or its proxy is unavailable or restarting: run this item again later.',
			httpCode: status,
			apiMessage,
			delivery: 'not-sent',
		};
	}
	if (status >= 500) {
		return {
			message: `${service} failed with a server error (HTTP ${status})${said}: the message may have been sent`,
			description: `${service} does not say that a failed request is rolled back, so the server may have done part of the work, the message included. It was not retried: check the recipient before running this item again; if the error persists, contact ${service}'s support with the time of the request.`,
			httpCode: status,
			apiMessage,
			delivery: 'unknown',
		};
	}
	return {
		message: `${service} refused the request (HTTP ${status})${said}`,
		description: 'Nothing was sent for this item. Check the node\'s fields against what the message says.',
		httpCode: status,
		apiMessage,
		delivery: 'not-sent',
	};
}

/** Whether the message of a failed call may have been sent (see Delivery). */
export function deliveryOf(error: unknown): Delivery {
	return error instanceof NodeApiError && error.context.delivery === 'unknown' ? 'unknown' : 'not-sent';
}
