// Harasocial's "send by payload id". Its trap: validation failures are HTTP 200 with has_error true,
// so a client that only checks the status code reports success for messages never sent.
import { bearerToken, json, mediaType } from './respond.mjs';
import { SANDBOX_SECRETS } from './secrets.mjs';

const TOKEN = SANDBOX_SECRETS.harasocial.token;
// The documented example sends application/json-patch+json (an ASP.NET default); plain JSON works too.
const JSON_TYPES = new Set(['application/json', 'application/json-patch+json', 'text/json', 'application/*+json']);
// Recipient and page the sandbox treats as "last interaction older than 24 hours".
const OUTSIDE_WINDOW_PAGE = '000';
const OUTSIDE_WINDOW_RECIPIENT = '1111111111111111';

export function createHarasocialState() {
	return { messages: [], nextId: 1 };
}

const envelope = (status, success, errorCode, errorMessage) =>
	json(status, { data: errorCode === 'unauthorized' ? null : { success }, has_error: !success, error_code: errorCode, error_message: errorMessage });

// ASP.NET Core's problem details: what the framework answers before Harasocial's own code runs.
function problem(status, title, extra) {
	return {
		status,
		headers: { 'content-type': 'application/problem+json; charset=utf-8' },
		body: JSON.stringify({ type: `https://tools.ietf.org/html/rfc9110#section-15.5.${status === 415 ? 16 : 1}`, title, status, traceId: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00', ...extra }),
	};
}

function validate(body) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 'The request body must be a JSON object.';
	if (body.messaging_type !== 'harasocial_facebook_payload_id') {
		return `messaging_type must be "harasocial_facebook_payload_id" (got ${JSON.stringify(body.messaging_type ?? null)}).`;
	}
	const recipient = body.recipient?.id;
	if (typeof recipient !== 'string' || !/^\d+$/.test(recipient)) return 'recipient.id must be a non-empty string of digits (the page-scoped user id).';
	if (typeof body.page_id !== 'string' || !/^\d+$/.test(body.page_id)) return 'page_id must be a non-empty string of digits.';
	const payload = body.message?.payload_id;
	if (typeof payload !== 'string' || !payload.startsWith('__hrf_')) return 'message.payload_id must be a payload id from a published Harasocial flow (it starts with "__hrf_").';
	if (body.metadata !== undefined && body.metadata !== null) {
		if (typeof body.metadata !== 'string') return 'metadata must be a string.';
		if (body.metadata.length > 500) return `metadata must be at most 500 characters (got ${body.metadata.length}).`;
	}
	return null;
}

export function handleHarasocial(ctx, sandbox) {
	if (ctx.path !== '/social/messages.json') {
		return json(404, { data: null, has_error: true, error_code: 'not_found', error_message: `No route for ${ctx.method} ${ctx.path}` });
	}
	if (ctx.method !== 'POST') return { status: 405, headers: { allow: 'POST', 'content-length': '0' }, body: '' };
	const token = bearerToken(ctx.headers.authorization);
	if (token !== TOKEN) {
		return envelope(401, false, 'unauthorized', token ? 'The access token is invalid or has expired.' : 'Missing Authorization: Bearer <token> header (scope social.conv).');
	}
	if (!JSON_TYPES.has(mediaType(ctx.headers['content-type']))) return problem(415, 'Unsupported Media Type');
	const parsed = ctx.json();
	if (!parsed.ok) return problem(400, 'One or more validation errors occurred.', { errors: { $: [`The JSON value could not be converted: ${parsed.error}`] } });
	const body = parsed.value;
	const invalid = validate(body);
	if (invalid) return envelope(200, false, 'invalid_payload', invalid);
	if (body.page_id === OUTSIDE_WINDOW_PAGE || body.recipient.id === OUTSIDE_WINDOW_RECIPIENT) {
		return envelope(200, false, 'outside_messaging_window', '(#10) This message is sent outside of allowed window. The 24-hour messaging window for this recipient is closed.');
	}
	sandbox.state.harasocial.messages.push({
		id: sandbox.state.harasocial.nextId++,
		received_at: new Date(sandbox.now()).toISOString(),
		messaging_type: body.messaging_type,
		page_id: body.page_id,
		recipient_id: body.recipient.id,
		payload_id: body.message.payload_id,
		metadata: body.metadata ?? null,
	});
	return envelope(200, true, null, null);
}
