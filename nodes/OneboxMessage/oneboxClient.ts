import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { OneboxLoginFailure } from '../../credentials/OneboxApi.credentials';
import { LOGIN_FAILURE_KEY, oneboxHost } from '../../credentials/OneboxApi.credentials';
import type { ApiFailure } from '../shared/errors';
import { toNodeApiError } from '../shared/errors';
import type { HttpAnswer, RequestContext, RetryPolicy } from '../shared/transport';
import { callApi } from '../shared/transport';
import { isDefinitiveLoginFailure, isTokenRefused, loginFailure } from './oneboxErrors';

export const ONEBOX_CREDENTIAL = 'oneboxApi';

export interface OneboxCredentials {
	host: string;
	email: string;
	password: string;
	siteId: string;
	sessionToken?: string;
}

/** Renew a token this long before its `exp`: a request takes time, and clocks differ. */
const EXPIRY_MARGIN_MS = 30_000;

/** The `exp` of a JWT in milliseconds, or undefined when the token is not a readable JWT. */
export function tokenExpiry(token: string): number | undefined {
	const payload = token.split('.')[1];
	if (!payload) return undefined;
	try {
		const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
		return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
	} catch {
		return undefined;
	}
}

/** Whether n8n must log in before this token is used: no token yet, or its `exp` has passed. */
export function needsLogin(token: string, now = Date.now()): boolean {
	if (token === '') return true;
	const expiry = tokenExpiry(token);
	return expiry !== undefined && expiry - EXPIRY_MARGIN_MS <= now;
}

/**
 * A login refused in `preAuthentication` reaches us as the NodeApiError n8n wraps it in, with
 * the refusal in `context.data`. It goes back to the transport as an HTTP answer (the login's
 * status), so a 429/502/503 login is retried like any request and a refusal is reported as one.
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

export interface OneboxRequest {
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
 * 429/502/503 (honouring Retry-After) and network errors that prove nothing was sent. n8n's own
 * "log in again after a 401" path is not used: it would also log in again and
 * repeat the request on the quota 401, and it loses the answer's headers.
 */
export class OneboxClient {
	private readonly renewals = new Map<string, Promise<HttpAnswer>>();
	private refusedLogin?: ApiFailure;

	constructor(
		private readonly ctx: RequestContext,
		private readonly retry: RetryPolicy,
		private readonly timeoutMs: number,
		/** Shared with the item loop: tokens met along the way are added, to be redacted too. */
		readonly secrets: Array<string | undefined> = [],
	) {}

	fail(failure: ApiFailure, itemIndex?: number): NodeApiError {
		return toNodeApiError(this.ctx.getNode(), failure, this.secrets, itemIndex);
	}

	private async credentials(): Promise<OneboxCredentials> {
		const data = (await this.ctx.getCredentials(ONEBOX_CREDENTIAL)) as unknown as OneboxCredentials;
		for (const secret of [data.password, data.sessionToken]) {
			if (secret && !this.secrets.includes(secret)) this.secrets.push(secret);
		}
		return data;
	}

	/**
	 * The context callApi sends through. With `override` (the credential with its token emptied)
	 * n8n logs in before the request; once an attempt got an answer, the login is done and the
	 * transport's retries (429, 503, ...) use the stored new token.
	 */
	private context(override?: ICredentialDataDecryptedObject): RequestContext {
		const ctx = this.ctx;
		let additional = override ? { credentialsDecrypted: { id: '', name: '', type: ONEBOX_CREDENTIAL, data: override } } : undefined;
		return {
			getNode: () => ctx.getNode(),
			helpers: {
				httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions) => {
					try {
						const response: unknown = await ctx.helpers.httpRequestWithAuthentication.call(ctx, type, options, additional);
						additional = undefined;
						return response;
					} catch (error) {
						throw loginAsAnswer(error);
					}
				},
			},
		} as unknown as RequestContext;
	}

	private async send(credentials: OneboxCredentials, request: OneboxRequest, login: boolean): Promise<HttpAnswer> {
		const override = login ? ({ ...credentials, sessionToken: '' } as unknown as ICredentialDataDecryptedObject) : undefined;
		const answer = await callApi(this.context(override), {
			service: 'Onebox',
			credentialType: ONEBOX_CREDENTIAL,
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

	/**
	 * Sends with a fresh login, unless another request is already renewing this token: then it
	 * waits for that renewal and returns undefined, and the caller sends with the new token.
	 */
	private async sendWithLogin(stale: string, credentials: OneboxCredentials, request: OneboxRequest): Promise<HttpAnswer | undefined> {
		const running = this.renewals.get(stale);
		if (running) {
			await running.catch(() => undefined);
			return undefined;
		}
		const renewal = this.send(credentials, request, true);
		this.renewals.set(stale, renewal);
		try {
			return await renewal;
		} finally {
			this.renewals.delete(stale);
		}
	}

	/** One API call. Returns Onebox's answer (any status); throws a NodeApiError when none came or the login failed. */
	async request(request: OneboxRequest): Promise<HttpAnswer> {
		if (this.refusedLogin) throw this.fail(this.refusedLogin);
		let credentials = await this.credentials();
		let token = String(credentials.sessionToken ?? '');
		if (needsLogin(token)) {
			const answer = await this.sendWithLogin(token, credentials, request);
			if (answer) return answer;
			if (this.refusedLogin) throw this.fail(this.refusedLogin);
			credentials = await this.credentials();
			token = String(credentials.sessionToken ?? '');
			// The other renewal failed for a passing reason (e.g. Onebox unavailable): try our own.
			if (needsLogin(token)) return this.send(credentials, request, true);
		}
		const answer = await this.send(credentials, request, false);
		if (!isTokenRefused(answer.status, answer.body)) return answer;
		// "Expired token" (or another 401 but the quota): nothing was sent. Log in again and repeat
		// the request once, unless another request has renewed the token meanwhile: then repeat it
		// with that token.
		const current = await this.credentials();
		const renewed = String(current.sessionToken ?? '');
		if (renewed !== token && !needsLogin(renewed)) return this.send(current, request, false);
		return (await this.sendWithLogin(token, current, request)) ?? this.send(await this.credentials(), request, false);
	}
}
