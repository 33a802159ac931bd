import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INode } from 'n8n-workflow';

import type { RetryPolicy } from '../delivery';
import { RETRYABLE_STATUSES } from '../delivery';
import type { ApiFailure } from '../errors';
import { toNodeApiError } from '../errors';
import type { DeliveryDefaults } from '../options';
import type { HttpAnswer, HttpRequest } from '../transport';
import { n8nHttpRequest } from '../n8nHttp';
import { callApi } from '../transport';
import { baseUrl } from '../urls';
import type { OdooAction, OdooErrorBody } from './odooErrors';
import { jsonRpcStatus, odooFailure, POSTING } from './odooErrors';
import { positionalArguments } from './odooSignatures';

export const ODOO_CREDENTIAL = 'payoutOdooApi';

/** Odoo runs each call as its own transaction: a few in parallel, no pause needed. */
export const ODOO_DELIVERY: DeliveryDefaults = {
	service: 'Odoo',
	concurrency: 4,
	batchSize: 0,
	batchInterval: 0,
	concurrencyHint: 'Each call is its own Odoo transaction.',
	batchHint: 'Set a batch size and interval to spread a large run over time, e.g. for a busy Odoo.',
};

export type OdooApi = 'json2' | 'jsonrpc';

/** A type, not an interface: it is then also the credential data n8n authenticates with. */
export type OdooCredentials = {
	url: string;
	apiKey: string;
	apiType: OdooApi | 'auto';
	database?: string;
	login?: string;
};

/** How one call differs from the client's defaults. */
export interface CallSettings {
	/** What errors say the call was about (default: posting a message). */
	action?: OdooAction;
	/** A read-only call may be repeated after a timeout or dropped connection: it changes nothing. */
	readOnly?: boolean;
}

export interface ServerVersion {
	version: string;
	major: number;
}

// A LockError (409) rolls the call back, so it is as safe to retry as a 503.
const ODOO_RETRY_STATUSES = [...RETRYABLE_STATUSES, 409];

interface SendHow {
	method?: 'GET' | 'POST';
	readOnly?: boolean;
	action?: OdooAction;
}

interface Call {
	model: string;
	method: string;
	ids: number[] | undefined;
	kwargs: IDataObject;
	target: string;
	action: OdooAction;
	readOnly: boolean;
}

/**
 * JSON-2 (Odoo 19+) and JSON-RPC (Odoo 14-18) behind one call(model, method, ids, kwargs). One
 * client serves one node execution, so the version check and the JSON-RPC login happen once.
 */
export class OdooClient {
	private readonly baseUrl: string;
	/** What errors and the item loop keep out of messages. */
	readonly secrets: string[];
	private versionPromise?: Promise<ServerVersion>;
	private uidPromise?: Promise<number>;
	private rpcId = 0;

	constructor(
		private readonly http: HttpRequest,
		private readonly node: INode,
		private readonly credentials: OdooCredentials,
		private readonly retry: RetryPolicy,
		private readonly timeoutMs: number,
	) {
		this.baseUrl = baseUrl(credentials.url);
		this.secrets = [credentials.apiKey];
	}

	/** The client of an execution or a list search, with the node's Odoo credential. */
	static async forNode(ctx: IExecuteFunctions | ILoadOptionsFunctions, retry: RetryPolicy, timeoutMs: number): Promise<OdooClient> {
		const credentials = await ctx.getCredentials<OdooCredentials>(ODOO_CREDENTIAL);
		return new OdooClient(n8nHttpRequest(ctx, ODOO_CREDENTIAL), ctx.getNode(), credentials, retry, timeoutMs);
	}

	private fail(failure: ApiFailure) {
		return toNodeApiError(this.node, failure, this.secrets);
	}

	async api(): Promise<OdooApi> {
		if (this.credentials.apiType !== 'auto') return this.credentials.apiType;
		return (await this.serverVersion()).major >= 19 ? 'json2' : 'jsonrpc';
	}

	serverVersion(): Promise<ServerVersion> {
		// A failed check is not kept: a transient failure must not fail every later item.
		this.versionPromise ??= this.fetchVersion().catch((error) => {
			this.versionPromise = undefined;
			throw error;
		});
		return this.versionPromise;
	}

	/** Calls a method; `ids` is left out for model-level methods. Returns the method's value. */
	async call(model: string, method: string, ids: number[] | undefined, kwargs: IDataObject, target = model, settings: CallSettings = {}): Promise<unknown> {
		const call: Call = { model, method, ids, kwargs, target, action: settings.action ?? POSTING, readOnly: settings.readOnly ?? false };
		return (await this.api()) === 'json2' ? this.callJson2(call) : this.callJsonRpc(call);
	}

	/** How one request is sent: read-only requests (the default) are repeated after a timeout. */
	private async send(url: string, body: IDataObject | undefined, { method = 'POST', readOnly = true, action = POSTING }: SendHow = {}): Promise<HttpAnswer> {
		const headers: IDataObject = { 'User-Agent': 'n8n-nodes-payout-notify' };
		if (body) headers['Content-Type'] = 'application/json';
		if (this.credentials.database) headers['X-Odoo-Database'] = this.credentials.database;
		return callApi(this.http, this.node, {
			service: 'Odoo',
			request: { method, url: `${this.baseUrl}${url}`, headers, body, timeout: this.timeoutMs },
			retry: readOnly ? { ...this.retry, retryAmbiguous: true } : this.retry,
			secrets: this.secrets,
			retryStatuses: ODOO_RETRY_STATUSES,
			// An API key does not expire during a run: n8n need not reload it for every call.
			credentials: this.credentials,
			effect: action.effect,
		});
	}

	private async callJson2({ model, method, ids, kwargs, target, action, readOnly }: Call) {
		const body: IDataObject = ids ? { ids, ...kwargs } : { ...kwargs };
		const answer = await this.send(`/json/2/${model}/${method}`, body, { readOnly, action });
		if (answer.status === 200) return answer.body;
		if (answer.status === 404 && typeof answer.body === 'string' && answer.body.includes('No database is selected')) {
			// Odoo's HTML page, answered before the key is looked at: several databases, or the wrong one.
			throw this.fail({
				message: 'Odoo does not know which database to use (HTTP 404 "No database is selected")',
				description: this.credentials.database
					? `This server has no database "${this.credentials.database}": correct Database in the Odoo credential.`
					: 'This server hosts several databases: put the name of the one to use in the Odoo credential\'s Database field (it is sent as X-Odoo-Database).',
				httpCode: 404,
				delivery: 'not-sent',
			});
		}
		const errorBody = typeof answer.body === 'object' && answer.body !== null ? (answer.body as OdooErrorBody) : undefined;
		throw this.fail(odooFailure(answer.status, errorBody, target, action));
	}

	/** Logins and version checks change nothing, so they are read-only calls. */
	private async rpc(service: string, method: string, args: unknown[], target: string, how: SendHow = {}): Promise<unknown> {
		const action = how.action ?? POSTING;
		const answer = await this.send('/jsonrpc', { jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: ++this.rpcId }, how);
		if (answer.status !== 200) throw this.fail(odooFailure(answer.status, undefined, target, action));
		const reply = answer.body as { result?: unknown; error?: { code?: number; message?: string; data?: OdooErrorBody } } | undefined;
		if (reply?.error) {
			const data = reply.error.data ?? { message: reply.error.message };
			throw this.fail(odooFailure(jsonRpcStatus(reply.error.code, data.name), data, target, action));
		}
		if (!reply || !('result' in reply)) {
			throw this.fail(odooFailure(502, { message: 'the answer is not JSON-RPC; check the credential\'s URL' }, target, action));
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

	private async callJsonRpc({ model, method, ids, kwargs, target, action, readOnly }: Call) {
		const uid = await this.uid();
		const { database, apiKey } = this.credentials;
		// execute_kw takes record ids as the first positional argument, and some methods' leading
		// arguments only positionally on older Odoo (create's vals_list): see odooSignatures.ts.
		const { args, rest } = positionalArguments(method, kwargs);
		const positional = ids ? [ids, ...args] : args;
		return this.rpc('object', 'execute_kw', [database, uid, apiKey, model, method, positional, rest], target, { action, readOnly });
	}

	private async fetchVersion(): Promise<ServerVersion> {
		// /web/version answers GET on Odoo 18+ (and Odoo Online); 17 and older answer 404 there and
		// only tell their version through JSON-RPC's common.version.
		const answer = await this.send('/web/version', undefined, { method: 'GET' }).catch(() => undefined);
		const body = answer?.body as { version?: unknown; version_info?: unknown[] } | undefined;
		if (answer?.status === 200 && body && (Array.isArray(body.version_info) || body.version !== undefined)) {
			return this.parsed(body.version, body.version_info, '/web/version');
		}
		const info = (await this.rpc('common', 'version', [], 'the server version')) as { server_version?: unknown; server_version_info?: unknown[] } | undefined;
		return this.parsed(info?.server_version, info?.server_version_info, 'common.version');
	}

	private parsed(version: unknown, versionInfo: unknown[] | undefined, source: string): ServerVersion {
		const parsed = parseOdooVersion(version, versionInfo);
		if (parsed) return parsed;
		const said = JSON.stringify({ version, version_info: versionInfo }).slice(0, 200);
		throw this.fail({
			message: `Could not tell which Odoo version this server runs: ${source} answered ${said}`,
			description:
				'Check the credential\'s URL. If it points at Odoo, choose the API in the credential instead of "Detect From Server Version": JSON-2 for Odoo 19 and later (Odoo Online included), JSON-RPC for Odoo 14-18.',
			delivery: 'not-sent',
		});
	}
}

// "19.0", "19.0+e" (on-premise), "saas~19.1+e" / "saas~19" (Odoo Online), "saas-17" (older SaaS).
const VERSION_TEXT = /^(?:saas[~-])?(\d{1,3})(?:\.\d{1,3})?(?:\+e)?$/i;

/**
 * The server's major version from what Odoo reports: `version_info[0]` is a number on-premise but a
 * text such as "saas~19" on Odoo Online, whose `version` reads "saas~19.1+e". Anything else is
 * undefined: a guess could pick the wrong API.
 */
export function parseOdooVersion(version: unknown, versionInfo?: unknown[]): ServerVersion | undefined {
	const text = typeof version === 'string' ? version.trim() : undefined;
	const fromText = text ? VERSION_TEXT.exec(text) : null;
	const first = versionInfo?.[0];
	let major: number | undefined;
	if (typeof first === 'number' && Number.isInteger(first)) major = first;
	else if (typeof first === 'string') major = Number(VERSION_TEXT.exec(first.trim())?.[1] ?? NaN);
	if (major === undefined || !Number.isInteger(major)) major = fromText ? Number(fromText[1]) : undefined;
	if (major === undefined || !Number.isInteger(major) || major < 8) return undefined;
	// Both given and disagreeing (e.g. a proxy rewriting one): refuse rather than guess.
	if (fromText && Number(fromText[1]) !== major) return undefined;
	return { version: text || `${major}.${typeof versionInfo?.[1] === 'number' ? versionInfo[1] : 0}`, major };
}
