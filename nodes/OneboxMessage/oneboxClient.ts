import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { OneboxLoginFailure } from '../../credentials/OneboxApi.credentials';
import { LOGIN_FAILURE_KEY, oneboxHost } from '../../credentials/OneboxApi.credentials';
import type { RetryPolicy } from '../shared/delivery';
import type { ApiFailure } from '../shared/errors';
import { toNodeApiError } from '../shared/errors';
import { n8nHttpRequest } from '../shared/n8nHttp';
import type { HttpAnswer, HttpRequest } from '../shared/transport';
import { callApi } from '../shared/transport';
import { expiresAtOf, forgetReplaced, needsLogin, rememberReplaced, renewals, wasReplaced } from './oneboxSession';
import { isDefinitiveLoginFailure, isTokenRefused, loginFailure, noMessageFailure, oneboxFailure, passedOnError, passedOnFailure } from './oneboxErrors';

export const ONEBOX_CREDENTIAL = 'oneboxApi';

/** A type, not an interface: it is then also the credential data n8n authenticates with. */
export type OneboxCredentials = {
	host: string;
	email: string;
	password: string;
	siteId: string;
	sessionToken?: string;
	/** When the token expires by n8n's clock (ms), set by the login (see OneboxApi.preAuthentication). */
	sessionExpiresAt?: number | string;
};

/**
 * A login refused in `preAuthentication` reaches us as the NodeApiError n8n wraps it in, with
 * the refusal in `context.data`. It goes back to the transport as an HTTP answer (the login's
 * status), so a 429/5xx login is retried like any request and a refusal is reported as one.
 */
function loginAsAnswer(error: unknown): unknown {
	const login = error instanceof NodeApiError ? ((error.context.data as IDataObject | undefined)?.[LOGIN_FAILURE_KEY] as OneboxLoginFailure | undefined) : undefined;
	if (!login) return error;
	// No answer to the login: the message request never left, so nothing was sent (and retrying is safe).
	if (login.status === 0) return { beforeRequest: true, code: login.code, message: `the login got no answer (${login.code ?? 'network error'})` };
	return { response: { status: login.status, headers: {}, data: { [LOGIN_FAILURE_KEY]: login } } };
}

/** A refused login answers for the request that never left: whatever its status, nothing was sent. */
const isLoginAnswer = (answer: HttpAnswer) => (answer.body as IDataObject | undefined)?.[LOGIN_FAILURE_KEY] !== undefined;

/** The connection list: `{data: [...]}` like the message answers, or a bare array. */
export function connectionsOf(body: unknown): IDataObject[] {
	const list = Array.isArray(body) ? body : (body as { data?: unknown } | undefined)?.data;
	return Array.isArray(list) ? list.filter((r): r is IDataObject => typeof r === 'object' && r !== null) : [];
}

interface OneboxRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
}

/**
 * Onebox's API behind one `request()`, with the session token's life cycle:
 *
 * - the token is n8n's: `preAuthentication` of the credential logs in and n8n stores the token
 *   in the credential, so every execution and worker shares it;
 * - before a request, a missing token or one whose JWT `exp` has passed is renewed: the request
 *   goes with the credential's token emptied, which makes n8n log in again (and store the new
 *   token) before sending it;
 * - a 401 "Expired token" anyway (server-side expiry, clock skew, a revoked token) renews the
 *   same way and repeats the request once: a 401 means nothing was sent, so the repeat cannot
 *   duplicate;
 * - the quota 401 ("time limit reached ...") comes back as an answer: no new login, no repeat;
 * - items sent at the same time share one renewal: one login per expired token.
 *
 * Every HTTP status comes back as an answer (with its headers): the shared transport retries
 * 429/503 (honouring Retry-After), failed logins and network errors that prove nothing was sent. n8n's own
 * "log in again after a 401" path is not used: it would also log in again and
 * repeat the request on the quota 401, and it loses the answer's headers.
 */
export class OneboxClient {
	private refusedLogin?: ApiFailure;

	constructor(
		private readonly http: HttpRequest,
		private readonly node: INode,
		/** Reads the credential as n8n stores it now: a login of another execution may have renewed the token. */
		private readonly readCredentials: () => Promise<OneboxCredentials>,
		private readonly retry: RetryPolicy,
		private readonly timeoutMs: number,
		/** Shared with the item loop: tokens met along the way are added, to be redacted too. */
		readonly secrets: Array<string | undefined> = [],
	) {}

	/** The client of an execution or a list search, with the node's Onebox credential. */
	static async forNode(ctx: IExecuteFunctions | ILoadOptionsFunctions, retry: RetryPolicy, timeoutMs: number): Promise<OneboxClient> {
		const read = () => ctx.getCredentials<OneboxCredentials>(ONEBOX_CREDENTIAL);
		const { password, sessionToken } = await read();
		return new OneboxClient(n8nHttpRequest(ctx, ONEBOX_CREDENTIAL), ctx.getNode(), read, retry, timeoutMs, [password, sessionToken]);
	}

	/** `POST /api/message`: the created message, as Onebox returns it in `data[0]`. */
	async sendMessage(body: IDataObject, channel: string, itemIndex: number): Promise<IDataObject> {
		const answer = await this.answer({ method: 'POST', path: '/api/message', body }, channel, itemIndex);
		const data = (answer as { data?: unknown } | undefined)?.data;
		const record = Array.isArray(data) ? data[0] : data;
		if (typeof record !== 'object' || record === null) throw this.fail(noMessageFailure(), itemIndex);
		return record as IDataObject;
	}

	/** `GET /api/connection`: the site's connections. */
	async connections(): Promise<IDataObject[]> {
		return connectionsOf(await this.answer({ method: 'GET', path: '/api/connection' }, 'Onebox'));
	}

	/** The body of a successful answer; an error status, or a refusal Onebox passed on with a 2xx, is thrown. */
	private async answer(request: OneboxRequest, channel: string, itemIndex?: number): Promise<unknown> {
		const answer = await this.request(request);
		if (answer.status < 200 || answer.status > 299) throw this.fail(oneboxFailure(answer.status, answer.body, channel), itemIndex);
		if (passedOnError(answer.body)) throw this.fail(passedOnFailure(answer.body, channel), itemIndex);
		return answer.body;
	}

	private fail(failure: ApiFailure, itemIndex?: number): NodeApiError {
		return toNodeApiError(this.node, failure, this.secrets, itemIndex);
	}

	private async credentials(): Promise<OneboxCredentials> {
		const data = await this.readCredentials();
		for (const secret of [data.password, data.sessionToken]) {
			if (secret && !this.secrets.includes(secret)) this.secrets.push(secret);
		}
		return data;
	}

	/**
	 * The request function callApi sends with. With `login` (the credential with its token
	 * emptied) n8n logs in before the request; once an attempt got an answer, the login is done and
	 * the transport's retries (429, 503, ...) use the stored new token.
	 */
	private sender(login?: OneboxCredentials): HttpRequest {
		let pending = login;
		return async (request) => {
			try {
				const response = await this.http(request, pending);
				pending = undefined;
				return response;
			} catch (error) {
				throw loginAsAnswer(error);
			}
		};
	}

	private async send(credentials: OneboxCredentials, request: OneboxRequest, login: boolean): Promise<HttpAnswer> {
		const answer = await callApi(this.sender(login ? { ...credentials, sessionToken: '' } : undefined), this.node, {
			service: 'Onebox',
			request: {
				method: request.method,
				url: `${oneboxHost(credentials.host)}${request.path}`,
				qs: request.qs,
				body: request.body,
				headers: request.body ? { 'Content-Type': 'application/json' } : {},
				timeout: this.timeoutMs,
			},
			retry: this.retry,
			secrets: this.secrets,
			provesNotSent: isLoginAnswer,
		});
		const refused = (answer.body as IDataObject | undefined)?.[LOGIN_FAILURE_KEY] as OneboxLoginFailure | undefined;
		if (refused) {
			const failure = loginFailure(refused);
			// The same email, password and site ID will be refused again: spare the other items a login each.
			if (isDefinitiveLoginFailure(refused)) this.refusedLogin = failure;
			throw this.fail(failure);
		}
		if (login) await this.credentials(); // learn the new token, to keep it out of errors
		return answer;
	}

	/** Which login a stale token calls for: one per credential and token, across executions. */
	private renewalKey(credentials: OneboxCredentials, stale: string): string {
		const id = this.node.credentials?.[ONEBOX_CREDENTIAL]?.id ?? '';
		return JSON.stringify([id, oneboxHost(credentials.host), credentials.email, credentials.siteId, stale]);
	}

	/**
	 * Sends with a fresh login, unless another request of this n8n process is already renewing
	 * this token, or has just done so: then it waits for that renewal and returns undefined, and
	 * the caller sends with the new token.
	 */
	private async sendWithLogin(stale: string, credentials: OneboxCredentials, request: OneboxRequest): Promise<HttpAnswer | undefined> {
		const key = this.renewalKey(credentials, stale);
		const running = renewals.get(key);
		if (running) {
			await running.catch(() => undefined);
			return undefined;
		}
		if (wasReplaced(key, Date.now())) {
			// Replaced a moment ago: the store has the new token, unless the credential was edited since.
			const current = await this.credentials();
			if (String(current.sessionToken ?? '') !== stale) return undefined;
			forgetReplaced(key);
			const started = renewals.get(key);
			if (started) {
				await started.catch(() => undefined);
				return undefined;
			}
		}
		const renewal = this.send(credentials, request, true);
		renewals.set(key, renewal);
		try {
			const answer = await renewal;
			rememberReplaced(key, Date.now());
			return answer;
		} finally {
			renewals.delete(key);
		}
	}

	/** One API call. Returns Onebox's answer (any status); throws a NodeApiError when none came or the login failed. */
	private async request(request: OneboxRequest): Promise<HttpAnswer> {
		if (this.refusedLogin) throw this.fail(this.refusedLogin);
		let credentials = await this.credentials();
		let token = String(credentials.sessionToken ?? '');
		if (needsLogin(token, Date.now(), expiresAtOf(credentials))) {
			const answer = await this.sendWithLogin(token, credentials, request);
			if (answer) return answer;
			if (this.refusedLogin) throw this.fail(this.refusedLogin);
			credentials = await this.credentials();
			token = String(credentials.sessionToken ?? '');
			// The other renewal failed for a passing reason (e.g. Onebox unavailable): try our own.
			if (needsLogin(token, Date.now(), expiresAtOf(credentials))) return this.send(credentials, request, true);
		}
		const answer = await this.send(credentials, request, false);
		if (!isTokenRefused(answer.status, answer.body)) return answer;
		// "Expired token" (or another 401 but the quota): nothing was sent. Log in again and repeat
		// the request once, unless another request has renewed the token meanwhile: then repeat it
		// with that token.
		const current = await this.credentials();
		const renewed = String(current.sessionToken ?? '');
		if (renewed !== token && !needsLogin(renewed, Date.now(), expiresAtOf(current))) return this.send(current, request, false);
		return (await this.sendWithLogin(token, current, request)) ?? this.send(await this.credentials(), request, false);
	}
}
