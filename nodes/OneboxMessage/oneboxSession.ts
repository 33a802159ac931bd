import type { HttpAnswer } from '../shared/transport';

/**
 * The Onebox session token's life: when it must be renewed, and the renewals shared by the
 * executions of this n8n process (see OneboxClient).
 */

/** The local expiry the login stored beside the token (see OneboxApi.preAuthentication), if any. */
export const expiresAtOf = (credentials: { sessionExpiresAt?: number | string }) => Number(credentials.sessionExpiresAt ?? '') || undefined;

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
export const renewals = new Map<string, Promise<HttpAnswer>>();
/** Tokens replaced lately (key -> when): an execution that read one before it was replaced re-reads. */
const replaced = new Map<string, number>();
const REPLACED_KEPT_MS = 15 * 60_000;
const REPLACED_MAX = 1000;

export function rememberReplaced(key: string, now: number) {
	replaced.delete(key);
	replaced.set(key, now);
	for (const [k, at] of replaced) {
		if (now - at > REPLACED_KEPT_MS || replaced.size > REPLACED_MAX) replaced.delete(k);
		else break;
	}
}

export function wasReplaced(key: string, now: number): boolean {
	const at = replaced.get(key);
	return at !== undefined && now - at <= REPLACED_KEPT_MS;
}

/** The credential was edited since the token was replaced: its next renewal is a new one. */
export function forgetReplaced(key: string) {
	replaced.delete(key);
}
