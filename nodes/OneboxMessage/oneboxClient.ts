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
	/** When the token expires by n8n's clock (ms), set by the login (see OneboxApi.preAuthentication). */
	sessionExpiresAt?: number | string;
}

const expiresAtOf = (credentials: OneboxCredentials) => Number(credentials.sessionExpiresAt ?? '') || undefined;

/** Renew a token this long before it expires: a request takes time. */
const EXPIRY_MARGIN_MS = 30_000;

interface JwtTimes {
	/** Seconds since the epoch, by Onebox's clock. */
	exp?: number;
	iat?: number;
}

function jwtTimes(token: string): JwtTimes | undefined {
	const payload = token.split('.')[1];
	if (!payload) return undefined;
	try {
		const { exp, iat } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown; iat?: unknown };
		const seconds = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
		return { exp: seconds(exp), iat: seconds(iat) };
	} catch {
		return undefined;
	}
}

/** The `exp` of a JWT in milliseconds, or undefined when the token is not a readable JWT. */
export function tokenExpiry(token: string): number | undefined {
	const exp = jwtTimes(token)?.exp;
	return exp === undefined ? undefined : exp * 1000;
}

/**
 * Whether n8n must log in before this token is used: no token yet, or it has expired. With the
 * local expiry the login stored next to it (`expiresAt`), the local clock decides; without it (a
 * token stored by an older version) the JWT's `exp` does.
 */
export function needsLogin(token: string, now = Date.now(), expiresAt?: number): boolean {
	if (token === '') return true;
	const expiry = expiresAt !== undefined && Number.isFinite(expiresAt) && expiresAt > 0 ? expiresAt : tokenExpiry(token);
	return expiry !== undefined && expiry - EXPIRY_MARGIN_MS <= now;
}

/**
 * Logins in flight in this n8n process, by credential and the token they replace: every
 * execution that meets the same stale token waits for the one login instead of making its own.
 */
const renewals = new Map<string, Promise<HttpAnswer>>();
/** Tokens replaced lately (key -> when): an execution that read one before it was replaced re-reads. */
const replaced = new Map<string, number>();
const REPLACED_KEPT_MS = 15 * 60_000;
const REPLACED_MAX = 1000;

function rememberReplaced(key: string, now: number) {
	replaced.delete(key);
	replaced.set(key, now);
	for (const [k, at] of replaced) {
		if (now - at > REPLACED_KEPT_MS || replaced.size > REPLACED_MAX) replaced.delete(k);
		else break;
	}
}

function wasReplaced(key: string, now: number): boolean {
	const at = replaced.get(key);
	return at !== undefined && now - at <= REPLACED_KEPT_MS;
}

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
 * 429/503 (honouring Retry-After), failed logins and network errors that prove nothing was sent. n8n's own
 * "log in again after a 401" path is not used: it would also log in again and
 * repeat the request on the quota 401, and it loses the answer's headers.
 */
export class OneboxClient {
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

	/** Which login a stale token calls for: one per credential and token, across executions. */
	private renewalKey(credentials: OneboxCredentials, stale: string): string {
		const id = this.ctx.getNode().credentials?.[ONEBOX_CREDENTIAL]?.id ?? '';
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
			replaced.delete(key);
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
	async request(request: OneboxRequest): Promise<HttpAnswer> {
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
