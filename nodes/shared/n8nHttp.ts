import type { ICredentialTestFunctions, IExecuteFunctions, ILoadOptionsFunctions, INode } from 'n8n-workflow';

import type { HttpRequest, HttpResponse } from './transport';

/**
 * The request functions the clients send with, built from what n8n hands a node: the clients
 * and the transport know nothing else of n8n's contexts.
 */

/** An execution's or a list search's: n8n's authenticated request helper. */
export function n8nHttpRequest(ctx: IExecuteFunctions | ILoadOptionsFunctions, credentialType: string): HttpRequest {
	return async (request, credentials) => {
		const details = ctx.getNode().credentials?.[credentialType];
		const known = credentials
			? { credentialsDecrypted: { id: details?.id ?? '', name: details?.name ?? '', type: credentialType, data: credentials } }
			: undefined;
		return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, request, known)) as HttpResponse;
	};
}

/**
 * A credential test's. Credential tests get no authenticated request helper, so this one sends
 * the `authorization` header itself. `helpers.request` is the only HTTP helper n8n gives a
 * credential test (ICredentialTestFunctions, n8n 1.123 to 2.x): `httpRequest`, which replaces it
 * elsewhere, does not exist there. Full response, no throw on 4xx.
 */
export function credentialTestRequest(ctx: ICredentialTestFunctions, authorization: string): HttpRequest {
	return async (options) => {
		const r = (await ctx.helpers.request({
			...options,
			uri: options.url,
			headers: { ...options.headers, Authorization: authorization },
			resolveWithFullResponse: true,
			simple: false,
		})) as HttpResponse;
		return { statusCode: r.statusCode, headers: r.headers, body: r.body };
	};
}

/** The node a credential test's errors name: the test runs outside any workflow. */
export function credentialTestNode(name: string, type: string): INode {
	return { id: 'credential-test', name, type: `n8n-nodes-payout-notify.${type}`, typeVersion: 1, position: [0, 0], parameters: {} };
}
