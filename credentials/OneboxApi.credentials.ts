import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrl } from '../nodes/shared/urls';

export const ONEBOX_PRODUCTION_HOST = 'https://cloud.onebox.co.id';

/** The host without a trailing slash; the production host when the field is empty. */
export function oneboxHost(value: unknown): string {
	const host = baseUrl(value);
	return host === '' ? ONEBOX_PRODUCTION_HOST : host;
}

/**
 * A refused login, as the node finds it again: n8n wraps the error `preAuthentication` throws
 * and keeps its `response.data` as the error's `context.data`.
 */
export const LOGIN_FAILURE_KEY = 'oneboxLogin';

export interface OneboxLoginFailure {
	/** HTTP status of the login answer (200 when it came without a token, 0 when none came). */
	status: number;
	/** The network error when no answer came (ETIMEDOUT, ECONNRESET, ...). */
	code?: string;
	/** Onebox's own words (`records.userMessage`), if any. */
	userMessage?: string;
	email: string;
	siteId: string;
}

/**
 * When a new token expires by n8n's clock: its lifetime (`exp - iat`, by Onebox's clock) from when
 * it was asked for, so a clock that differs from Onebox's does not matter. '' for an opaque token.
 */
export function localTokenExpiry(token: string, receivedAt: number): number | '' {
	try {
		const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown; iat?: unknown };
		if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || claims.exp < claims.iat) return '';
		return receivedAt + (claims.exp - claims.iat) * 1000;
	} catch {
		return '';
	}
}

function userMessageOf(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() === '' ? undefined : body.slice(0, 300);
	if (typeof body !== 'object' || body === null) return undefined;
	const b = body as { records?: { userMessage?: unknown }; response_status?: unknown; message?: unknown; error?: unknown };
	const said = b.records?.userMessage ?? b.message ?? b.error ?? b.response_status;
	return said === undefined || said === null ? undefined : String(typeof said === 'object' ? JSON.stringify(said) : said).slice(0, 300);
}

export class OneboxApi implements ICredentialType {
	name = 'oneboxApi';

	displayName = 'Onebox API';

	icon = { light: 'file:../nodes/OneboxMessage/onebox.svg', dark: 'file:../nodes/OneboxMessage/onebox.dark.svg' } as const;

	documentationUrl = 'https://github.com/payout-notify/n8n-nodes-payout-notify#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Host URL',
			name: 'host',
			type: 'string',
			default: ONEBOX_PRODUCTION_HOST,
			required: true,
			placeholder: 'e.g. https://cloud.onebox.co.id',
			description: 'Address of the Onebox server, without a path: https://cloud.onebox.co.id for production, https://ocdev.ciptadrasoft.net for development',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. name@email.com',
			default: '',
			required: true,
			description: 'Email address of the Onebox user the node logs in as',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Site ID',
			name: 'siteId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 169',
			description: 'ID of the Onebox site (tenant) the connections belong to',
		},
		{
			// Filled by preAuthentication and cached by n8n in the stored credential; the node
			// empties it when the token expires so that n8n logs in again.
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// When the session token expires by n8n's clock (ms), set with the token by each login.
			displayName: 'Session Expires At',
			name: 'sessionExpiresAt',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * Logs in (`POST /api/authenticate`) for a token that lives 15 minutes. n8n calls this when
	 * the token is empty, after a 401, and before every credential test, and stores the result.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const host = oneboxHost(credentials.host);
		const email = String(credentials.email ?? '').trim();
		const siteId = String(credentials.siteId ?? '').trim();
		let answer: { statusCode: number; body: unknown };
		// Taken before the request: the token's lifetime counts from no later than this.
		const receivedAt = Date.now();
		try {
			answer = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${host}/api/authenticate`,
				body: { email, password: credentials.password, siteId },
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 30_000,
			})) as { statusCode: number; body: unknown };
		} catch (error) {
			// The HTTP library's error carries the request, password included: keep only its code.
			const code = (error as { code?: string }).code ?? 'unknown network error';
			const failure: OneboxLoginFailure = { status: 0, code, email, siteId };
			// n8n keeps `response.data` in the error it wraps this in: the node finds the failure there.
			throw Object.assign(new Error(`Could not reach Onebox at ${host} to log in (${code})`), { code, response: { data: { [LOGIN_FAILURE_KEY]: failure } } });
		}
		const token = (answer.body as { token?: unknown } | undefined)?.token;
		if (answer.statusCode === 200 && typeof token === 'string' && token !== '') {
			return { sessionToken: token, sessionExpiresAt: localTokenExpiry(token, receivedAt) };
		}
		const failure: OneboxLoginFailure = { status: answer.statusCode, userMessage: userMessageOf(answer.body), email, siteId };
		const said = failure.userMessage ? `: ${failure.userMessage}` : '';
		const what = answer.statusCode === 200 ? 'answered the login without a token' : `refused the login (HTTP ${answer.statusCode})`;
		const password = String(credentials.password ?? '');
		const message = `Onebox ${what} for ${email} on site ${siteId}${said}`;
		const error = new Error(password.length >= 4 ? message.split(password).join('***') : message);
		// No `status` here on purpose: n8n would take a 401 for an expired token and log in twice.
		throw Object.assign(error, {
			description: 'Check Email, Password and Site ID in the Onebox credential, and that the Host URL points at your Onebox server.',
			response: { data: { [LOGIN_FAILURE_KEY]: failure } },
		});
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' },
		},
	};

	// n8n runs preAuthentication before this request in a credential test, so it checks the
	// login (email, password, site ID) and then that the token opens the connection list.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.host.replace(/\\/+$/, "")}}',
			url: '/api/connection',
			method: 'GET',
		},
	};
}
