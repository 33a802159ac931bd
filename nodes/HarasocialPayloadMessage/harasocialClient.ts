import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';

import type { RetryPolicy } from '../shared/delivery';
import { toNodeApiError } from '../shared/errors';
import type { HttpRequest, HttpResponse } from '../shared/transport';
import { n8nHttpRequest } from '../shared/n8nHttp';
import { callApi } from '../shared/transport';
import { baseUrl } from '../shared/urls';
import { isAccepted, refusalFailure, statusFailure } from './harasocialErrors';

export const HARASOCIAL_CREDENTIAL = 'harasocialApi';

/** A type, not an interface: it is then also the credential data n8n authenticates with. */
export type HarasocialCredentials = {
	accessToken: string;
	baseUrl: string;
};

/** `POST /social/messages.json`: resolves when Harasocial accepted the message for processing. */
export class HarasocialClient {
	/** The API base URL the client sends to. */
	readonly baseUrl: string;
	/** What errors and the item loop keep out of messages. */
	readonly secrets: string[];

	constructor(
		private readonly http: HttpRequest,
		private readonly node: INode,
		private readonly credentials: HarasocialCredentials,
		private readonly retry: RetryPolicy,
		private readonly timeoutMs: number,
	) {
		this.baseUrl = baseUrl(credentials.baseUrl || 'https://apis.harasocial.com');
		this.secrets = [credentials.accessToken];
	}

	/** The client of an execution, with the node's Harasocial credential. */
	static async forNode(ctx: IExecuteFunctions, retry: RetryPolicy, timeoutMs: number): Promise<HarasocialClient> {
		const credentials = await ctx.getCredentials<HarasocialCredentials>(HARASOCIAL_CREDENTIAL);
		return new HarasocialClient(n8nHttpRequest(ctx, HARASOCIAL_CREDENTIAL), ctx.getNode(), credentials, retry, timeoutMs);
	}

	private request(body: IDataObject): IHttpRequestOptions {
		return {
			method: 'POST',
			url: `${this.baseUrl}/social/messages.json`,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body,
			timeout: this.timeoutMs,
		};
	}

	async sendMessage(body: IDataObject): Promise<void> {
		const answer = await callApi(this.http, this.node, {
			service: 'Harasocial',
			request: this.request(body),
			retry: this.retry,
			secrets: this.secrets,
			// A static access token: n8n need not reload the credential for every message.
			credentials: this.credentials,
		});
		if (answer.status >= 200 && answer.status < 300) {
			// A 200 is not a success by itself: Harasocial reports refusals as has_error true.
			if (isAccepted(answer.body)) return;
			throw toNodeApiError(this.node, refusalFailure(answer.status, answer.body), this.secrets);
		}
		throw toNodeApiError(this.node, statusFailure(answer.status, answer.body), this.secrets);
	}

	/**
	 * The send request tried once, with its answer whatever it says, and a failed connection
	 * thrown as is: the credential test reads a refusal of its empty message as a working token.
	 */
	async tryOnce(body: IDataObject): Promise<HttpResponse> {
		return this.http({ ...this.request(body), json: true });
	}
}
