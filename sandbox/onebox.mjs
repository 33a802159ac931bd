// Onebox (Ciptadrasoft omnichannel): short-lived JWTs without refresh, two different 401s that
// need opposite handling (re-login vs. stop), and third-party errors passed through as HTTP 200.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { bearerToken, json, sqlDateTime } from './respond.mjs';
import { SANDBOX_SECRETS } from './secrets.mjs';

const { email: EMAIL, password: PASSWORD, siteId: SITE_ID } = SANDBOX_SECRETS.onebox;
// Only signs sandbox tokens; a real Onebox JWT is opaque to clients anyway.
const JWT_KEY = 'onebox-sandbox-signing-key';

export const QUOTA_MESSAGE = 'time limit reached please try again tomorrow at 18:00 - 06:00';
export const THIRD_PARTY_ERROR = 'Facebook API error: (#10) This message is sent outside of allowed window';

const CONNECTIONS = [
	{ Id: '572', Name: 'support@onebox.test', MediaId: 'EMAIL', MediaName: 'Email', Description: 'support@onebox.test', AccountId: 'support@onebox.test' },
	{ Id: '583', Name: 'Mydin22.', MediaId: 'FCBK', MediaName: 'Facebook', Description: 'Mydin22.', AccountId: '469218373611012' },
	{ Id: '576', Name: 'trial_corp', MediaId: 'TWTR', MediaName: 'Twitter', Description: 'trial_corp', AccountId: '738567483435556864' },
	{ Id: '584', Name: 'trial_corpp', MediaId: 'INST', MediaName: 'Instagram', Description: 'trial_corpp', AccountId: '243092266557469' },
	{ Id: '590', Name: '6281100000000', MediaId: 'WHATP', MediaName: 'WhatsApp', Description: '6281100000000', AccountId: '6281100000000' },
];
const CONNECTION_BY_ID = new Map(CONNECTIONS.map((c) => [Number(c.Id), c]));
const METHODS = new Set(['DIRECT', 'POST', 'MENTION', 'COMMENT']);
const EMAIL_RE = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function createOneboxState() {
	return { messages: [], logins: [], nextId: 75703 };
}

export function oneboxError(status, userMessage, devMessage = null) {
	return json(status, { _meta: { status: 'ERROR', count: 1 }, records: { errorCode: status, userMessage, devMessage, more: null, applicationCode: null } });
}

const b64url = (s) => Buffer.from(s).toString('base64url');

function sign(input) {
	return createHmac('sha256', JWT_KEY).update(input).digest('base64url');
}

function issueToken(sandbox, email, siteId) {
	const iat = Math.floor(sandbox.now() / 1000);
	const payload = { iss: 'onebox-sandbox', sub: email, email, siteId, iat, exp: iat + sandbox.options.oneboxTokenTtlSeconds, jti: sandbox.state.onebox.logins.length + 1 };
	const head = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify(payload))}`;
	return { token: `${head}.${sign(head)}`, payload };
}

/** Returns the error response, or null when the token is valid now. */
function checkToken(ctx, sandbox) {
	const token = bearerToken(ctx.headers.authorization);
	const parts = token ? token.split('.') : [];
	if (parts.length !== 3) return oneboxError(401, 'Invalid token');
	const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`));
	const given = Buffer.from(parts[2]);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return oneboxError(401, 'Invalid token');
	let payload;
	try {
		payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
	} catch {
		return oneboxError(401, 'Invalid token');
	}
	if (sandbox.now() / 1000 > payload.exp) return oneboxError(401, 'Expired token');
	return null;
}

function authenticate(ctx, sandbox) {
	const parsed = ctx.json();
	const body = parsed.ok && parsed.value && typeof parsed.value === 'object' ? parsed.value : {};
	const ok = body.email === EMAIL && body.password === PASSWORD && String(body.siteId ?? '') === SITE_ID;
	const time = new Date(sandbox.now()).toISOString();
	if (!ok) {
		sandbox.state.onebox.logins.push({ time, email: body.email ?? null, siteId: body.siteId ?? null, ok: false });
		return oneboxError(401, 'Invalid email or password');
	}
	const { token, payload } = issueToken(sandbox, EMAIL, SITE_ID);
	sandbox.state.onebox.logins.push({ time, email: EMAIL, siteId: SITE_ID, ok: true, iat: payload.iat, exp: payload.exp });
	return json(200, { response_code: '200', response_status: 'Success', token });
}

const isBlank = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const isId = (v) => (Number.isInteger(v) && v > 0) || (typeof v === 'string' && /^\d+$/.test(v));
const addresses = (v) => String(v).split(/[,;]/).map((s) => s.trim()).filter(Boolean);

/** The first problem with a send request, as Onebox's userMessage would word it, or null. */
function validateMessage(b) {
	if (!b || typeof b !== 'object' || Array.isArray(b)) return 'The request body must be a JSON object';
	if (typeof b.ConnectionId !== 'number' || !Number.isInteger(b.ConnectionId)) return 'ConnectionId is required and must be a number';
	const connection = CONNECTION_BY_ID.get(b.ConnectionId);
	if (!connection) return `ConnectionId ${b.ConnectionId} is not a connection of this site`;
	const method = b.MethodId ?? null;
	if (method !== null && !METHODS.has(method)) return 'MethodId must be one of DIRECT, POST, MENTION, COMMENT or null';
	const content = b.Content;
	if (!content || typeof content !== 'object') return 'Content is required';
	if (isBlank(content.Body)) return 'Content.Body is required';
	if (isBlank(content.BodyText)) return 'Content.BodyText is required';
	if (content.ContentType !== 'text/html' && content.ContentType !== 'text/plain') return 'Content.ContentType must be text/html or text/plain';
	if (isBlank(b.To)) return 'To is required';
	if (isBlank(b.From)) return 'From is required';
	if (b.PreviousId != null && !isId(b.PreviousId)) return 'PreviousId must be a message id';
	if (b.ConversationId != null && !isId(b.ConversationId)) return 'ConversationId must be a conversation id';
	const media = connection.MediaId;
	if (media === 'EMAIL') {
		if (isBlank(b.Subject)) return 'Subject is required for email';
		for (const field of ['From', 'To', 'Cc', 'Bcc']) {
			if (isBlank(b[field])) continue;
			const bad = addresses(b[field]).find((a) => !EMAIL_RE.test(a));
			if (bad) return `${field} contains an invalid email address: ${bad}`;
		}
		if (!Array.isArray(b.Users) || b.Users.length === 0) return 'Users is required for email (one MSR1 sender and at least one MSR2 recipient)';
		for (const u of b.Users) {
			if (!u || !['MSR1', 'MSR2', 'MSR3', 'MSR4'].includes(u.RoleId)) return 'Users[].RoleId must be MSR1, MSR2, MSR3 or MSR4';
			if (!EMAIL_RE.test(String(u.IdentityId ?? ''))) return `Users[].IdentityId must be an email address (got ${JSON.stringify(u.IdentityId ?? null)})`;
		}
		if (b.Users.filter((u) => u.RoleId === 'MSR1').length !== 1) return 'Users must contain exactly one sender (RoleId MSR1)';
		if (!b.Users.some((u) => u.RoleId === 'MSR2')) return 'Users must contain at least one recipient (RoleId MSR2)';
	}
	if (method === 'COMMENT' && b.PreviousId == null) return 'PreviousId is required to reply to a comment';
	if (method === 'DIRECT' && (media === 'FCBK' || media === 'TWTR') && b.ConversationId == null && b.PreviousId == null) {
		return 'ConversationId (or PreviousId) is required for a direct message reply';
	}
	if (media === 'WHATP' && !/^\+?\d{8,15}$/.test(String(b.To).trim())) return 'To must be a WhatsApp phone number';
	if (b.Attachments != null) {
		if (!Array.isArray(b.Attachments)) return 'Attachments must be an array';
		for (const a of b.Attachments) {
			const f = a?.File;
			if (!f || isBlank(f.Name)) return 'Attachments[].File.Name is required';
			if (isBlank(f.Path) && isBlank(f.Content)) return 'Attachments[].File needs a Path (public URL) or a base64 Content';
		}
	}
	return null;
}

function toMessage(b, id, now) {
	const connection = CONNECTION_BY_ID.get(b.ConnectionId);
	const date = sqlDateTime(now);
	const str = (v) => (v == null ? null : String(v));
	return {
		Id: String(id), SiteId: SITE_ID, ConnectionId: String(b.ConnectionId), Subject: b.Subject ?? null, Description: null, Remarks: null,
		Date: date, ReceiveDate: null, SendDate: null, MediaId: connection.MediaId, MethodId: b.MethodId ?? null, PriorityValue: '0',
		PriorityId: 'MSP1', TypeId: 'MST1', Incoming: '0', From: String(b.From), To: String(b.To), Cc: b.Cc ?? null, Bcc: b.Bcc ?? null,
		StatusId: 'MSS1', Retry: '0', Attachment: b.Attachments?.length ? '1' : '0', RemoteId: null, ParentId: null,
		PreviousId: str(b.PreviousId), PrevRemoteId: str(b.PrevRemoteId), ConversationId: str(b.ConversationId), CreateDate: date, ModifyDate: date,
		Content: { Body: b.Content.Body, BodyText: b.Content.BodyText, Meta: null, TemplateId: null, ContentType: b.Content.ContentType, Encoding: b.Content.Encoding ?? null },
		// Base64 contents are not kept: 10,000 benchmark messages must not hold their files in memory.
		Attachments: (b.Attachments ?? []).map((a) => ({ Description: a.Description ?? null, File: { Date: a.File.Date ?? null, Name: a.File.Name, Path: a.File.Path ?? null, Size: a.File.Content ? Buffer.byteLength(a.File.Content, 'base64') : null } })),
		Users: (b.Users ?? []).map((u, i) => ({ ContactId: String(41600 + i), RoleId: u.RoleId ?? null, IdentityId: u.IdentityId ?? null, Name: u.Name ?? null })),
	};
}

const page = (data, limit, offset, total) => ({ limit: String(limit), offset, count: data.length, total, data });

function sendMessage(ctx, sandbox) {
	if (sandbox.control.onebox.quota) return oneboxError(401, QUOTA_MESSAGE, '');
	const parsed = ctx.json();
	if (!parsed.ok) return oneboxError(400, 'The request body is not valid JSON', parsed.error);
	const invalid = validateMessage(parsed.value);
	if (invalid) return oneboxError(400, invalid);
	if (sandbox.control.onebox.thirdPartyError) return json(200, { error: THIRD_PARTY_ERROR });
	const state = sandbox.state.onebox;
	const message = toMessage(parsed.value, state.nextId++, sandbox.now());
	state.messages.push(message);
	return json(200, page([message], 1, 0, state.messages.length));
}

function listMessages(ctx, sandbox) {
	const all = sandbox.state.onebox.messages;
	const sinceId = Number(ctx.query.get('sinceId') ?? 0);
	const limit = Math.min(Math.max(Number(ctx.query.get('limit') ?? 25) || 25, 1), 100);
	const offset = Math.max(Number(ctx.query.get('offset') ?? 0) || 0, 0);
	const matching = sinceId ? all.filter((m) => Number(m.Id) > sinceId) : all;
	return json(200, page(matching.slice(offset, offset + limit), limit, offset, matching.length));
}

export function handleOnebox(ctx, sandbox) {
	const { method, path } = ctx;
	if (path === '/api/authenticate' && method === 'POST') return authenticate(ctx, sandbox);
	const isMessage = path === '/api/message' || path.startsWith('/api/message/');
	if (path !== '/api/connection' && !isMessage) return oneboxError(404, `No route for ${method} ${path}`);
	const denied = checkToken(ctx, sandbox);
	if (denied) return denied;
	if (path === '/api/connection' && method === 'GET') {
		const limit = Number(ctx.query.get('limit') ?? 25) || 25;
		const offset = Number(ctx.query.get('offset') ?? 0) || 0;
		return json(200, page(CONNECTIONS.slice(offset, offset + limit), limit, offset, CONNECTIONS.length));
	}
	if (path === '/api/message' && method === 'POST') return sendMessage(ctx, sandbox);
	if (path === '/api/message' && method === 'GET') return listMessages(ctx, sandbox);
	if (method === 'GET') {
		const id = path.slice('/api/message/'.length);
		const found = sandbox.state.onebox.messages.find((m) => m.Id === id);
		return found ? json(200, page([found], 1, 0, 1)) : oneboxError(404, `Message ${id} not found`);
	}
	return oneboxError(405, `Method ${method} is not allowed on ${path}`);
}

/** The request log must not keep the login password. */
export function redactOneboxBody(path, body) {
	return path.endsWith('/api/authenticate') && body && typeof body === 'object' && 'password' in body ? { ...body, password: '***' } : body;
}
