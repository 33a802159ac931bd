import type { ApiFailure, Effect } from '../errors';
import { clip, genericStatusFailure } from '../errors';

/** Odoo's error body (JSON-2) or `error.data` (JSON-RPC). `debug` holds a traceback: never shown. */
export interface OdooErrorBody {
	name?: string;
	message?: string;
}

const KEY_HELP =
	'Create a new API key in Odoo (user menu > Preferences > Account Security > New API Key) and put it in the credential. Keys expire: at most 3 months on Odoo 19.';

/** What a failure is about: posting a chatter message, or calling any method. */
export interface OdooAction {
	/** "the message", "the call": what Odoo refused. */
	refused: string;
	/** What a rolled-back call means for it. */
	rolledBack: string;
	/** Where to look when Odoo has no such record, model or method. */
	notFound: (target: string) => string;
	/** What a request without an answer may have done. */
	effect?: Effect;
}

export const POSTING: OdooAction = {
	refused: 'the message',
	rolledBack: 'Nothing was posted (Odoo rolled the call back).',
	notFound: (target) => `Check that ${target} exists and that the model has a chatter (inherits mail.thread).`,
};

export const CALLING: OdooAction = {
	refused: 'the call',
	rolledBack: 'Nothing was changed (Odoo rolled the call back).',
	notFound: (target) => `Check the model and method names and that the records of ${target} exist.`,
	effect: { mayHaveHappened: 'the call may have been carried out', check: 'check in Odoo what it did' },
};

type Table = Record<number, (said: string, target: string, action: OdooAction) => Omit<ApiFailure, 'httpCode' | 'apiMessage' | 'delivery'>>;

// Every failing call is rolled back by Odoo, so these answers mean nothing was done.
const BY_STATUS: Table = {
	401: () => ({ message: 'Odoo rejected the API key: it is invalid or expired', description: KEY_HELP }),
	403: (said, target) => ({
		message: `The Odoo user of this API key may not do this${said}`,
		description: `Give the user access rights to ${target}, or use the key of a user who has them. Odoo never lets a method whose name starts with "_" be called from outside.`,
	}),
	404: (said, target, action) => ({
		message: `Odoo has no such record, model or method${said}`,
		description: `${action.notFound(target)} On Odoo 14-18 set the credential's API to JSON-RPC or "Detect".`,
	}),
	409: (said, _target, action) => ({
		message: `Odoo could not lock the record: another transaction is changing it${said}`,
		description: `${action.rolledBack} Run the item again in a moment.`,
	}),
	422: (said, _target, action) => ({
		message: `Odoo refused ${action.refused}${said}`,
		description: 'Odoo checked the values and refused them: correct what its message names (a value, or an argument name the method does not take) and run the item again.',
	}),
	400: (said) => ({
		message: `Odoo could not read the request (HTTP 400)${said}`,
		description: 'Something between n8n and Odoo changed the request body. Check proxies in front of Odoo; otherwise report it as a bug of this node.',
	}),
	415: () => ({
		message: 'Odoo refused the request\'s content type (HTTP 415)',
		description: 'A proxy in front of Odoo dropped the JSON content type, or the URL does not point at Odoo. Check the credential\'s URL.',
	}),
	500: (said, _target, action) => ({
		message: `Odoo failed with a server error${said}`,
		description: `${action.rolledBack} "Expected singleton" means the record ID is wrong; "unexpected keyword argument" names an argument the method does not take; for anything else, the Odoo server log has the traceback.`,
	}),
};

/** The failure for an Odoo answer: an HTTP status (JSON-2) or the status a JSON-RPC error stands for. */
export function odooFailure(status: number, body: OdooErrorBody | undefined, target: string, action: OdooAction = POSTING): ApiFailure {
	const apiMessage = body?.message ? `${body.name ? `${body.name.split('.').pop()}: ` : ''}${body.message}` : undefined;
	const said = apiMessage ? `: ${clip(apiMessage)}` : '';
	const entry = BY_STATUS[status];
	if (entry) return { ...entry(said, target, action), httpCode: status, apiMessage, delivery: 'not-sent' };
	return genericStatusFailure('Odoo', status, apiMessage);
}

/** JSON-RPC answers HTTP 200 with an error object; map the exception class to the JSON-2 status. */
export function jsonRpcStatus(code: number | undefined, name: string | undefined): number {
	if (code === 100) return 401; // session expired
	const exception = (name ?? '').split('.').pop();
	switch (exception) {
		case 'AccessDenied':
			return 401;
		case 'AccessError':
			return 403;
		case 'MissingError':
			return 404;
		case 'LockError':
			return 409;
		case 'UserError':
		case 'ValidationError':
		case 'TypeError':
			return 422;
		default:
			return 500;
	}
}
