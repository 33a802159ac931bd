import type {
	IAuthenticateGeneric,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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

}
