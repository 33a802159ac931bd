import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { TOKEN_FIX, TOKEN_REFUSED } from '../nodes/HarasocialPayloadMessage/harasocialErrors';

const REFUSED = `${TOKEN_REFUSED}. ${TOKEN_FIX}`;

export class HarasocialApi implements ICredentialType {
	name = 'harasocialApi';

	displayName = 'Harasocial API';

	icon = {
		light: 'file:../nodes/HarasocialPayloadMessage/harasocial.svg',
		dark: 'file:../nodes/HarasocialPayloadMessage/harasocial.dark.svg',
	} as const;

	documentationUrl = 'https://docs.haravan.com/docs/social-apis/messages/send-by-payload-id/';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Token of a Haravan private app (Haravan developer dashboard) with the social.conv scope',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://apis.harasocial.com',
			required: true,
			placeholder: 'e.g. https://apis.harasocial.com',
			description: 'Address of the Harasocial API, without a path. Change it only for testing, e.g. to point at a local sandbox.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	// Harasocial has no "who am I" call, so the test uses the send call itself with empty ids: the
	// token is checked first (401/403 when bad), then a good token gets a validation refusal (HTTP 200,
	// has_error true) for a request that names no page and no recipient, so nobody gets a message.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/social/messages.json',
			method: 'POST',
			headers: { Accept: 'application/json' },
			body: {
				messaging_type: 'harasocial_facebook_payload_id',
				recipient: { id: '' },
				message: { payload_id: '' },
				page_id: '',
			},
			json: true,
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: REFUSED } },
			{ type: 'responseCode', properties: { value: 403, message: REFUSED } },
		],
	};
}
