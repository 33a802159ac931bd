import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { ApiFailure } from '../shared/errors';
import { toNodeApiError } from '../shared/errors';
import type { HttpAnswer, RequestContext, RetryPolicy } from '../shared/transport';
import { callApi, RETRYABLE_STATUSES } from '../shared/transport';
import type { OdooErrorBody } from './odooErrors';
import { jsonRpcStatus, odooFailure } from './odooErrors';

export const ODOO_CREDENTIAL = 'payoutOdooApi';

export type OdooApi = 'json2' | 'jsonrpc';

export interface OdooCredentials {
	url: string;
	apiKey: string;
	apiType: OdooApi | 'auto';
	database?: string;
	login?: string;
}

export interface ServerVersion {
	version: string;
	major: number;
}

// A LockError (409) rolls the call back, so it is as safe to retry as a 503.
const ODOO_RETRY_STATUSES = [...RETRYABLE_STATUSES, 409];

/**
 * JSON-2 (Odoo 19+) and JSON-RPC (Odoo 14-18) behind one call(model, method, ids, kwargs). One
 * client serves one node execution, so the version check and the JSON-RPC login happen once.
 */
export class OdooClient {
	private readonly baseUrl: string;
	private versionPromise?: Promise<ServerVersion>;
	private uidPromise?: Promise<number>;
	private rpcId = 0;

	constructor(
		private readonly ctx: RequestContext,
		private readonly credentials: OdooCredentials,
		private readonly retry: RetryPolicy,
		private readonly timeoutMs: number,
	) {
		this.baseUrl = credentials.url.trim().replace(/\/+$/, '');
	}

	private fail(failure: ApiFailure) {
		return toNodeApiError(this.ctx.getNode(), failure, [this.credentials.apiKey]);
	}

	async api(): Promise<OdooApi> {
		if (this.credentials.apiType !== 'auto') return this.credentials.apiType;
		return (await this.serverVersion()).major >= 19 ? 'json2' : 'jsonrpc';
	}

	serverVersion(): Promise<ServerVersion> {
		this.versionPromise ??= this.fetchVersion().catch((error: unknown) => {
			// A passing failure (Odoo restarting, a dropped connection) must not fail every later item.
			this.versionPromise = undefined;
			throw error;
		});
		return this.versionPromise;
	}

	/** Calls a method; `ids` is left out for model-level methods. Returns the method's value. */
	async call(model: string, method: string, ids: number[] | undefined, kwargs: IDataObject, target = model): Promise<unknown> {
		return (await this.api()) === 'json2'
			? this.callJson2(model, method, ids, kwargs, target)
			: this.callJsonRpc(model, method, ids, kwargs, target);
	}

	private async send(url: string, body: IDataObject | undefined, method: 'GET' | 'POST' = 'POST'): Promise<HttpAnswer> {
		const headers: IDataObject = { 'User-Agent': 'n8n-nodes-payout-notify' };
		if (body) headers['Content-Type'] = 'application/json';
		if (this.credentials.database) headers['X-Odoo-Database'] = this.credentials.database;
		return callApi(this.ctx, {
			service: 'Odoo',
			credentialType: ODOO_CREDENTIAL,
			request: { method, url: `${this.baseUrl}${url}`, headers, body, timeout: this.timeoutMs },
			retry: this.retry,
			secrets: [this.credentials.apiKey],
			retryStatuses: ODOO_RETRY_STATUSES,
			// An API key does not expire during a run: n8n need not reload it for every call.
			credentials: this.credentials as unknown as ICredentialDataDecryptedObject,
		});
	}

	private async callJson2(model: string, method: string, ids: number[] | undefined, kwargs: IDataObject, target: string) {
		const body: IDataObject = ids ? { ids, ...kwargs } : { ...kwargs };
		const answer = await this.send(`/json/2/${model}/${method}`, body);
		if (answer.status === 200) return answer.body;
		const errorBody = typeof answer.body === 'object' && answer.body !== null ? (answer.body as OdooErrorBody) : undefined;
		throw this.fail(odooFailure(answer.status, errorBody, target));
	}

	private async rpc(service: string, method: string, args: unknown[], target: string): Promise<unknown> {
		const answer = await this.send('/jsonrpc', {
			jsonrpc: '2.0',
			method: 'call',
			params: { service, method, args },
			id: ++this.rpcId,
		});
		if (answer.status !== 200) throw this.fail(odooFailure(answer.status, undefined, target));
		const reply = answer.body as { result?: unknown; error?: { code?: number; message?: string; data?: OdooErrorBody } } | undefined;
		if (reply?.error) {
			const data = reply.error.data ?? { message: reply.error.message };
			throw this.fail(odooFailure(jsonRpcStatus(reply.error.code, data.name), data, target));
		}
		if (!reply || !('result' in reply)) {
			throw this.fail(odooFailure(502, { message: 'the answer is not JSON-RPC; check the credential\'s URL' }, target));
		}
		return reply.result;
	}

	private async uid(): Promise<number> {
		this.uidPromise ??= (async () => {
			const { database, login, apiKey } = this.credentials;
			if (!database || !login) {
				throw this.fail({
					message: 'JSON-RPC needs the database and login',
					description: 'Fill in Database and Login in the Odoo credential (Odoo 14-18 has no JSON-2 API).',
					delivery: 'not-sent',
				});
			}
			const uid = await this.rpc('common', 'login', [database, login, apiKey], 'the login');
			if (typeof uid !== 'number' || uid <= 0) {
				// Odoo answers a failed login with `false`, not with an error.
				throw this.fail({
					message: `Odoo refused the login "${login}" on database "${database}"`,
					description: 'Check the database name, the login and the API key (or password) in the credential. API keys expire.',
					httpCode: 401,
					delivery: 'not-sent',
				});
			}
			return uid;
		})().catch((error: unknown) => {
			// A refused login stays refused for the run; any other failure is tried again by the next item.
			if ((error as { httpCode?: unknown }).httpCode !== '401' && !/needs the database and login/.test(String((error as Error).message))) {
				this.uidPromise = undefined;
			}
			throw error;
		});
		return this.uidPromise;
	}

	private async callJsonRpc(model: string, method: string, ids: number[] | undefined, kwargs: IDataObject, target: string) {
		const uid = await this.uid();
		const { database, apiKey } = this.credentials;
		return this.rpc('object', 'execute_kw', [database, uid, apiKey, model, method, ids ? [ids] : [], kwargs], target);
	}

	private async fetchVersion(): Promise<ServerVersion> {
		// /web/version answers GET on recent versions; older ones only answer common.version.
		const answer = await this.send('/web/version', undefined, 'GET').catch(() => undefined);
		const body = answer?.body as { version?: string; version_info?: unknown[] } | undefined;
		if (answer?.status === 200 && Array.isArray(body?.version_info)) {
			return { version: String(body.version ?? body.version_info.slice(0, 2).join('.')), major: Number(body.version_info[0]) };
		}
		const info = (await this.rpc('common', 'version', [], 'the server version')) as { server_version?: string; server_version_info?: unknown[] };
		const major = Number(info?.server_version_info?.[0]);
		if (!Number.isFinite(major)) {
			throw this.fail({
				message: 'Could not tell which Odoo version this server runs',
				description: 'Check the credential\'s URL, or choose the API (JSON-2 or JSON-RPC) in the credential instead of "Detect".',
				delivery: 'not-sent',
			});
		}
		return { version: String(info.server_version ?? major), major };
	}
}
