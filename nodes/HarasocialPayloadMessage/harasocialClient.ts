import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toNodeApiError } from '../shared/errors';
import type { RetryPolicy } from '../shared/transport';
import { callApi } from '../shared/transport';
import { isAccepted, refusalFailure, statusFailure } from './harasocialErrors';

export const HARASOCIAL_CREDENTIAL = 'harasocialApi';

export interface HarasocialCredentials {
	accessToken: string;
	baseUrl: string;
}

/** `POST /social/messages.json`: resolves when Harasocial accepted the message for processing. */
export class HarasocialClient {
	private readonly url: string;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly credentials: HarasocialCredentials,
		private readonly retry: RetryPolicy,
		private readonly timeoutMs: number,
	) {
		const base = (credentials.baseUrl || 'https://apis.harasocial.com').trim().replace(/\/+$/, '');
		this.url = `${base}/social/messages.json`;
	}

	async sendMessage(body: IDataObject): Promise<void> {
		const secrets = [this.credentials.accessToken];
		const answer = await callApi(this.ctx, {
			service: 'Harasocial',
			credentialType: HARASOCIAL_CREDENTIAL,
			request: {
				method: 'POST',
				url: this.url,
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body,
				timeout: this.timeoutMs,
			},
			retry: this.retry,
			secrets,
			// A static access token: n8n need not reload the credential for every message.
			credentials: this.credentials as unknown as ICredentialDataDecryptedObject,
		});
		if (answer.status >= 200 && answer.status < 300) {
			// A 200 is not a success by itself: Harasocial reports refusals as has_error true.
			if (isAccepted(answer.body)) return;
			throw toNodeApiError(this.ctx.getNode(), refusalFailure(answer.status, answer.body), secrets);
		}
		throw toNodeApiError(this.ctx.getNode(), statusFailure(answer.status, answer.body), secrets);
	}
}
