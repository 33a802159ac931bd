// Odoo's models, seed data and method semantics, shared by the JSON-2 and JSON-RPC transports
// (as in Odoo, where both end in the same call_kw).
import { escapeHtml, sanitizeHtml } from './html.mjs';
import { sqlDateTime } from './respond.mjs';

export class OdooError extends Error {
	/** status is the JSON-2 HTTP status; JSON-RPC always answers 200 with the same data. */
	constructor(status, name, message) {
		super(message);
		this.status = status;
		this.odooName = name;
	}
}

const userError = (msg) => new OdooError(422, 'odoo.exceptions.UserError', msg);
const validationError = (msg) => new OdooError(422, 'odoo.exceptions.ValidationError', msg);
const typeError = (msg) => new OdooError(422, 'builtins.TypeError', msg);
// What JSON-2 itself answers before calling the method (checked on a real Odoo 19.0).
const unprocessable = (msg) => new OdooError(422, 'werkzeug.exceptions.UnprocessableEntity', msg);
const valueError = (msg) => new OdooError(500, 'builtins.ValueError', msg);
const missingError = (model, ids) =>
	new OdooError(404, 'odoo.exceptions.MissingError', `Record does not exist or has been deleted.\n(Record: ${model}(${ids.join(', ')},), User: 2)`);

/** A traceback long enough to look like Odoo's, so clients learn not to show it as the message. */
export function fakeTraceback(name, message) {
	const frames = [
		['odoo/http.py', 2265, '_serve_db', 'return service_model.retrying(self._serve_ir_http, self.env)'],
		['odoo/service/model.py', 184, 'retrying', 'result = func()'],
		['odoo/http.py', 2312, '_serve_ir_http', 'response = self.dispatcher.dispatch(rule.endpoint, args)'],
		['odoo/http.py', 2521, 'dispatch', "result = self.request.registry['ir.http']._dispatch(endpoint)"],
		['odoo/addons/base/models/ir_http.py', 355, '_dispatch', 'result = endpoint(**request.params)'],
		['odoo/http.py', 754, 'route_wrapper', 'result = endpoint(self, *args, **params_ok)'],
		['odoo/addons/rpc/controllers/json2.py', 118, 'call_model', 'result = call_kw(Model, method, args, kwargs)'],
		['odoo/service/model.py', 77, 'call_kw', 'result = method(recs, *args, **kwargs)'],
		['odoo/api.py', 533, '_call_kw_multi', 'result = method(recs, *args, **kwargs)'],
	];
	const body = frames.map(([f, l, fn, code]) => `  File "/usr/lib/python3/dist-packages/${f}", line ${l}, in ${fn}\n    ${code}\n`).join('');
	return `Traceback (most recent call last):\n${body}${name.replace(/^builtins\./, '')}: ${message}\n`;
}

export function odooErrorData(name, message) {
	return { name, message, arguments: [message], context: {}, debug: fakeTraceback(name, message) };
}

const JOURNALS = { 1: { name: 'Miscellaneous Operations', code: 'MISC' }, 2: { name: 'Bank', code: 'BNK1' } };

function seedPartners() {
	const p = (id, name, extra) => ({ id, name, display_name: name, ref: false, email: false, lang: 'en_US', phone: false, is_company: false, active: true, x_payout_account: false, ...extra });
	return [
		p(2, 'Administrator', { email: 'admin@sandbox.test' }),
		p(3, 'Music Cast Support', { email: 'support@musiccast.test', is_company: true }),
		p(7, 'Ada Lovelace', { ref: 'RH-0007', email: 'ada@example.com', x_payout_account: 'acct_1AdaLovelace' }),
		p(8, 'Grace Hopper', { ref: 'RH-0008', email: 'grace@example.com', x_payout_account: 'acct_1GraceHopper' }),
		p(9, 'No Account Person', { ref: 'RH-0009', email: 'no.account@example.com', lang: 'fr_FR' }),
	];
}

export function createOdooState() {
	return { partners: seedPartners(), messages: [], moves: [], attachments: [], next: { message: 1001, move: 101, line: 1001, attachment: 501, posted: 1 } };
}

// Field types decide how values read back: many2one as [id, display_name] or false, like Odoo.
const FIELDS = {
	'res.currency': { id: 'int', name: 'char', display_name: 'char', decimal_places: 'int', active: 'bool' },
	'mail.message': { id: 'int', model: 'char', res_id: 'int', subject: 'char', date: 'char', message_type: 'char', subtype_xmlid: 'char', record_name: 'char' },
	'ir.model': { id: 'int', model: 'char', name: 'char', display_name: 'char', transient: 'bool' },
	'res.partner': { id: 'int', name: 'char', display_name: 'char', ref: 'char', email: 'char', lang: 'char', phone: 'char', is_company: 'bool', active: 'bool', x_payout_account: 'char' },
	'account.move': { id: 'int', name: 'char', display_name: 'char', move_type: 'char', state: 'char', date: 'char', ref: 'char', journal_id: 'm2o:journal', partner_id: 'm2o:res.partner', currency_id: 'm2o:res.currency', narration: 'char', amount_total: 'float', line_ids: 'ids', create_date: 'char' },
};

// A few of ir.model's rows, enough for the Call Method node's model list.
const IR_MODELS = [
	['account.account', 'Account'],
	['account.journal', 'Journal'],
	['account.move', 'Journal Entry'],
	['account.move.line', 'Journal Item'],
	['ir.attachment', 'Attachment'],
	['mail.message', 'Message'],
	['res.company', 'Companies'],
	['res.partner', 'Contact'],
	['res.partner.bank', 'Bank Accounts'],
	['res.users', 'User'],
].map(([model, name], i) => ({ id: 80 + i, model, name, display_name: name, transient: false, active: true }));

// res.currency as an Odoo 19 has it, with the currencies the example pays in activated (a fresh
// Odoo has only the company's); decimals per ISO 4217.
const CURRENCIES = [
	[1, 'USD', 2, true], [125, 'EUR', 2, true], [25, 'JPY', 0, true], [54, 'BHD', 3, true], [148, 'GBP', 2, true],
	[36, 'KRW', 0, false], [30, 'KWD', 3, false], [40, 'CHF', 2, true], [6, 'CAD', 2, false],
].map(([id, name, decimal_places, active]) => ({ id, name, display_name: name, decimal_places, active }));

function records(state, model) {
	if (model === 'ir.model') return IR_MODELS;
	if (model === 'res.currency') return CURRENCIES;
	if (model === 'mail.message') return state.messages;
	return model === 'res.partner' ? state.partners : state.moves;
}

function displayName(state, kind, id) {
	if (kind === 'journal') return JOURNALS[id]?.name ?? `journal ${id}`;
	if (kind === 'res.currency') return CURRENCIES.find((c) => c.id === id)?.name ?? `res.currency,${id}`;
	return state.partners.find((p) => p.id === id)?.name ?? `${kind},${id}`;
}

function project(state, model, rec, fields) {
	const types = FIELDS[model];
	const out = { id: rec.id };
	for (const f of fields) {
		const type = types[f];
		const v = rec[f];
		if (type.startsWith('m2o:')) out[f] = v ? [v, displayName(state, type.slice(4), v)] : false;
		else if (type === 'ids') out[f] = (v ?? []).map((l) => l.id);
		else out[f] = v ?? false;
	}
	return out;
}

function checkFields(model, fields) {
	if (fields == null || (Array.isArray(fields) && fields.length === 0)) return Object.keys(FIELDS[model]);
	if (!Array.isArray(fields)) throw valueError(`Invalid fields specification ${JSON.stringify(fields)}`);
	for (const f of fields) if (!(f in FIELDS[model])) throw valueError(`Invalid field '${f}' on model '${model}'`);
	return fields;
}

function matchLeaf(model, leaf) {
	const [field, op, value] = leaf;
	if (!(field in FIELDS[model])) throw valueError(`Invalid field '${field}' on model '${model}'`);
	const get = (r) => (field === 'line_ids' ? r.line_ids?.map((l) => l.id) : r[field]);
	const eq = (a, b) => (b === false || b === null ? a === false || a == null : a === b);
	const like = (a, b, ci) => typeof a === 'string' && (ci ? a.toLowerCase().includes(String(b).toLowerCase()) : a.includes(String(b)));
	switch (op) {
		case '=': return (r) => eq(get(r), value);
		case '!=': return (r) => !eq(get(r), value);
		case 'in': case 'not in': {
			if (!Array.isArray(value)) throw valueError(`Invalid domain term ${JSON.stringify(leaf)}: '${op}' needs a list`);
			const set = new Set(value);
			return op === 'in' ? (r) => set.has(get(r)) : (r) => !set.has(get(r));
		}
		case 'ilike': return (r) => like(get(r), value, true);
		case 'not ilike': return (r) => !like(get(r), value, true);
		case 'like': return (r) => like(get(r), value, false);
		case '=ilike': return (r) => typeof get(r) === 'string' && get(r).toLowerCase() === String(value).toLowerCase();
		case '<': return (r) => get(r) < value;
		case '>': return (r) => get(r) > value;
		case '<=': return (r) => get(r) <= value;
		case '>=': return (r) => get(r) >= value;
		default: throw valueError(`Invalid domain term ${JSON.stringify(leaf)}: unknown operator '${op}'`);
	}
}

/** Polish-notation domain ('&', '|', '!' prefixes), top-level terms joined by an implicit AND. */
export function compileDomain(model, domain) {
	if (domain == null) return () => true;
	if (!Array.isArray(domain)) throw valueError(`Invalid domain ${JSON.stringify(domain)}`);
	let i = 0;
	const parse = () => {
		if (i >= domain.length) throw valueError(`Invalid domain ${JSON.stringify(domain)}: missing operand`);
		const t = domain[i++];
		if (t === '&' || t === '|') {
			const a = parse();
			const b = parse();
			return t === '&' ? (r) => a(r) && b(r) : (r) => a(r) || b(r);
		}
		if (t === '!') {
			const a = parse();
			return (r) => !a(r);
		}
		if (Array.isArray(t) && t.length === 3) return matchLeaf(model, t);
		throw valueError(`Invalid domain term ${JSON.stringify(t)}`);
	};
	const terms = [];
	while (i < domain.length) terms.push(parse());
	return (r) => terms.every((p) => p(r));
}

function browse(state, model, ids) {
	const all = records(state, model);
	const found = [];
	const missing = [];
	for (const id of ids) {
		const rec = all.find((r) => r.id === id);
		if (rec) found.push(rec);
		else missing.push(id);
	}
	if (missing.length) throw missingError(model, missing);
	return found;
}

function searchCount(state, model, kw) {
	const match = compileDomain(model, kw.domain);
	return records(state, model).filter((r) => r.active !== false && match(r)).length;
}

const PARTNER_WRITABLE = new Set(['name', 'email', 'ref', 'lang', 'phone', 'comment', 'x_payout_account']);

function writePartners(state, ids, vals) {
	if (!vals || typeof vals !== 'object' || Array.isArray(vals)) throw valueError(`Invalid values for res.partner: ${JSON.stringify(vals)}`);
	for (const k of Object.keys(vals)) if (!PARTNER_WRITABLE.has(k)) throw valueError(`Invalid field '${k}' in 'res.partner'`);
	for (const rec of browse(state, 'res.partner', ids)) Object.assign(rec, vals, vals.name ? { display_name: vals.name } : {});
	return true;
}

function searchRead(state, model, kw) {
	// search_read passes unknown keywords on to _read_format (**read_kwargs): Odoo fails inside, with a 500.
	const unknown = Object.keys(kw).find((k) => !['domain', 'fields', 'offset', 'limit', 'order', 'context'].includes(k));
	if (unknown) throw new OdooError(500, 'builtins.TypeError', `BaseModel._read_format() got an unexpected keyword argument '${unknown}'`);
	const fields = checkFields(model, kw.fields);
	const match = compileDomain(model, kw.domain);
	const activeOnly = kw.context?.active_test !== false;
	let rows = records(state, model).filter((r) => (!activeOnly || r.active !== false) && match(r));
	if (kw.offset) rows = rows.slice(kw.offset);
	if (kw.limit) rows = rows.slice(0, kw.limit);
	return rows.map((r) => project(state, model, r, fields));
}

function nameSearch(state, model, kw) {
	const needle = String(kw.name ?? '').toLowerCase();
	const match = compileDomain(model, kw.domain ?? kw.args);
	const hit = (v) => typeof v === 'string' && v.toLowerCase().includes(needle);
	// res.partner searches its name, email and reference, as Odoo's _rec_names_search does.
	const rows = records(state, model).filter((r) => r.active !== false && match(r) && (!needle || hit(r.name) || hit(r.email) || hit(r.ref)));
	return rows.slice(0, kw.limit ?? 100).map((r) => [r.id, r.display_name ?? r.name]);
}

const isIntList = (v) => Array.isArray(v) && v.every((x) => Number.isInteger(x));
const MESSAGE_TYPES = new Set(['comment', 'notification', 'email', 'auto_comment', 'user_notification']);
const SUBTYPES = new Set(['mail.mt_note', 'mail.mt_comment', 'mail.mt_activities']);

function messagePost(state, model, ids, kw, call) {
	const unsupported = Object.keys(kw).filter((k) => k !== 'context' && !MESSAGE_POST_KW.includes(k));
	if (unsupported.length) throw valueError(`Those values are not supported when posting or notifying: ${unsupported.join(', ')}`);
	if (ids.length !== 1) throw valueError(`Expected singleton: ${model}(${ids.join(', ')}${ids.length === 1 ? ',' : ''})`);
	const [rec] = browse(state, model, ids);
	const messageType = kw.message_type ?? 'notification';
	if (messageType === 'user_notification') {
		throw userError('Posting a message should be done on a business document. Use message_notify to send a notification to an user.');
	}
	if (!MESSAGE_TYPES.has(messageType)) throw valueError(`Wrong value for mail.message.message_type: '${messageType}'`);
	for (const key of ['partner_ids', 'attachment_ids']) {
		if (kw[key] !== undefined && kw[key] !== false && !isIntList(kw[key])) {
			throw userError(`message_post ${key} must be a list of integers (ids), not commands or ${typeof kw[key]}.`);
		}
	}
	const subtype = kw.subtype_xmlid ?? (kw.subtype_id ? undefined : 'mail.mt_note');
	if (subtype !== undefined && !SUBTYPES.has(subtype)) throw valueError(`External ID not found in the system: ${subtype}`);
	if (kw.partner_ids) browse(state, 'res.partner', kw.partner_ids);
	const authorId = kw.author_id || 2;
	const [author] = browse(state, 'res.partner', [authorId]);
	const attachments = (kw.attachment_ids || []).map((id) => {
		const a = state.attachments.find((x) => x.id === id);
		if (!a) throw missingError('ir.attachment', [id]);
		return a;
	});
	// Odoo 17+ escapes a plain string body and only keeps HTML when the caller says so.
	const body = kw.body == null || kw.body === false ? '' : String(kw.body);
	const bodyHtml = kw.body_is_html ? sanitizeHtml(body) : escapeHtml(body);
	const id = state.next.message++;
	const { context, ...received } = kw;
	const message = {
		id,
		model,
		res_id: rec.id,
		record_name: rec.display_name ?? rec.name,
		date: sqlDateTime(call.now),
		author: { id: author.id, name: author.name },
		transport: call.transport,
		version: call.version,
		...received,
		message_type: messageType,
		subtype_xmlid: subtype ?? false,
		body_html: bodyHtml,
	};
	state.messages.push(message);
	for (const a of attachments) {
		a.res_model = model;
		a.res_id = rec.id;
	}
	// mail.thread.message_post is @api.returns('mail.message'): the legacy RPC layer unwraps it to an id.
	return call.version === 17 && call.transport === 'jsonrpc' ? id : [id];
}

const MOVE_VALS = new Set(['move_type', 'journal_id', 'date', 'ref', 'partner_id', 'line_ids', 'narration', 'currency_id', 'company_id', 'invoice_date']);
const LINE_VALS = new Set(['account_id', 'partner_id', 'name', 'debit', 'credit', 'amount_currency', 'currency_id']);
const cents = (v) => Math.round(Number(v || 0) * 100);

function createMoves(state, vals, call) {
	const today = sqlDateTime(call.now).slice(0, 10);
	const prepared = vals.map((v) => {
		if (!v || typeof v !== 'object' || Array.isArray(v)) throw valueError(`Invalid values for account.move: ${JSON.stringify(v)}`);
		for (const k of Object.keys(v)) if (!MOVE_VALS.has(k)) throw valueError(`Invalid field '${k}' in 'account.move'`);
		const journal = v.journal_id ?? 1;
		if (!JOURNALS[journal]) {
			throw new OdooError(500, 'psycopg2.errors.ForeignKeyViolation', `insert or update on table "account_move" violates foreign key constraint "account_move_journal_id_fkey"\nDETAIL:  Key (journal_id)=(${journal}) is not present in table "account_journal".`);
		}
		const lines = (v.line_ids ?? []).map((cmd) => {
			if (!Array.isArray(cmd) || cmd[0] !== 0 || !cmd[2] || typeof cmd[2] !== 'object') {
				throw validationError(`line_ids only accepts creation commands [0, 0, {values}] here, got ${JSON.stringify(cmd)}`);
			}
			for (const k of Object.keys(cmd[2])) if (!LINE_VALS.has(k)) throw valueError(`Invalid field '${k}' in 'account.move.line'`);
			const line = { ...cmd[2], debit: Number(cmd[2].debit || 0), credit: Number(cmd[2].credit || 0) };
			// Only amount_currency given: Odoo converts it at the day's rate (1 in the sandbox, as on a fresh Odoo).
			if (!line.debit && !line.credit && line.amount_currency) {
				const amount = Number(line.amount_currency);
				if (amount > 0) line.debit = amount;
				else line.credit = -amount;
			}
			if (line.currency_id !== undefined && !CURRENCIES.some((c) => c.id === line.currency_id)) {
				throw new OdooError(500, 'psycopg2.errors.ForeignKeyViolation', `insert or update on table "account_move_line" violates foreign key constraint "account_move_line_currency_id_fkey"`);
			}
			return line;
		});
		const debit = lines.reduce((s, l) => s + cents(l.debit), 0);
		const credit = lines.reduce((s, l) => s + cents(l.credit), 0);
		if (debit !== credit) {
			throw validationError(`The entry is not balanced.\nThe total of debits equals ${(debit / 100).toFixed(2)} and the total of credits equals ${(credit / 100).toFixed(2)}.`);
		}
		return { v, journal, lines, debit };
	});
	// Validate every record before creating any: one call is one transaction in Odoo.
	return prepared.map(({ v, journal, lines, debit }) => {
		const id = state.next.move++;
		state.moves.push({
			id, name: '/', display_name: `Draft Entry (* ${id})`, move_type: v.move_type ?? 'entry', state: 'draft', date: v.date ?? today,
			ref: v.ref ?? false, journal_id: journal, partner_id: v.partner_id ?? false, narration: v.narration ?? false,
			currency_id: v.currency_id ?? lines.find((l) => l.currency_id)?.currency_id ?? 1,
			amount_total: debit / 100, line_ids: lines.map((l) => ({ id: state.next.line++, ...l })), create_date: sqlDateTime(call.now),
		});
		return id;
	});
}

// Real Odoo 19: names like MISC/2026/11/0001, action_post answers false, a second post is a UserError.
function actionPost(state, ids) {
	const moves = browse(state, 'account.move', ids);
	const posted = moves.find((m) => m.state !== 'draft');
	if (posted) throw userError(`The entry ${posted.name} (id ${posted.id}) must be in draft.`);
	// Real Odoo 19 creates a draft in an inactive currency but refuses to post it.
	const inactive = moves.map((m) => CURRENCIES.find((c) => c.id === m.currency_id)).find((c) => c && !c.active);
	if (inactive) throw userError(`You cannot validate a document with an inactive currency: ${inactive.name}`);
	for (const m of moves) {
		m.state = 'posted';
		m.name = `${JOURNALS[m.journal_id].code}/${m.date.slice(0, 4)}/${m.date.slice(5, 7)}/${String(state.next.posted++).padStart(4, '0')}`;
		m.display_name = m.name;
	}
	return false;
}

function unlinkMoves(state, ids) {
	const moves = browse(state, 'account.move', ids);
	if (moves.some((m) => m.state === 'posted')) {
		throw userError("You can't delete a posted journal item. Don’t play games with your accounting records; reset the journal entry to draft before deleting it.");
	}
	state.moves = state.moves.filter((m) => !ids.includes(m.id));
	return true;
}

// Odoo's unlink on ids that are gone raises MissingError, like browse().
function unlinkAttachments(state, ids) {
	const missing = ids.filter((id) => !state.attachments.some((a) => a.id === id));
	if (missing.length) throw missingError('ir.attachment', missing);
	state.attachments = state.attachments.filter((a) => !ids.includes(a.id));
	return true;
}

function createAttachments(state, vals) {
	return vals.map((v) => {
		if (!v || typeof v !== 'object') throw valueError(`Invalid values for ir.attachment: ${JSON.stringify(v)}`);
		if (v.datas !== undefined && (typeof v.datas !== 'string' || !/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(v.datas))) {
			throw validationError('The attachment content (datas) is not valid base64.');
		}
		const id = state.next.attachment++;
		const size = v.datas ? Buffer.byteLength(v.datas, 'base64') : 0;
		state.attachments.push({ id, name: v.name ?? false, res_model: v.res_model ?? false, res_id: v.res_id ?? false, mimetype: v.mimetype ?? 'application/octet-stream', file_size: size, datas: v.datas ?? false });
		return id;
	});
}

const MESSAGE_POST_KW = ['body', 'subject', 'message_type', 'subtype_xmlid', 'subtype_id', 'partner_ids', 'author_id', 'email_from', 'reply_to', 'attachment_ids', 'body_is_html', 'parent_id', 'email_layout_xmlid'];

// level: "model" methods refuse ids, "record" methods take them. params: positional order for JSON-RPC;
// keyword-only methods (message_post) accept no positional arguments after ids.
const SEARCH_READ = { level: 'model', params: ['domain', 'fields', 'offset', 'limit', 'order'], varKeywords: true, run: (s, m, ids, kw) => searchRead(s, m, kw) };
const SEARCH_COUNT = { level: 'model', params: ['domain', 'limit'], required: ['domain'], run: (s, m, ids, kw) => searchCount(s, m, kw) };
const READ = { level: 'record', params: ['fields'], run: (s, m, ids, kw) => browse(s, m, ids).map((r) => project(s, m, r, checkFields(m, kw.fields))) };
const MESSAGE_POST = { level: 'record', params: [], keywords: MESSAGE_POST_KW, varKeywords: true, run: (s, m, ids, kw, call) => messagePost(s, m, ids, kw, call) };

const METHODS = {
	'res.users': {
		context_get: { level: 'model', params: [], run: () => ({ lang: 'en_US', tz: 'Europe/Brussels', uid: 2 }) },
	},
	'ir.model': {
		search_read: SEARCH_READ,
		search_count: SEARCH_COUNT,
	},
	'res.partner': {
		search_read: SEARCH_READ,
		search_count: SEARCH_COUNT,
		read: READ,
		write: { level: 'record', params: ['vals'], run: (s, m, ids, kw) => writePartners(s, ids, kw.vals) },
		name_search: { level: 'model', params: ['name', 'domain', 'operator', 'limit'], run: (s, m, ids, kw) => nameSearch(s, m, kw) },
		message_post: MESSAGE_POST,
	},
	'account.move': {
		search_read: SEARCH_READ,
		search_count: SEARCH_COUNT,
		read: READ,
		create: { level: 'model', params: ['vals_list'], run: (s, m, ids, kw, call) => createMoves(s, kw.vals_list, call) },
		action_post: { level: 'record', params: [], run: (s, m, ids) => actionPost(s, ids) },
		unlink: { level: 'record', params: [], run: (s, m, ids) => unlinkMoves(s, ids) },
		message_post: MESSAGE_POST,
	},
	'res.currency': { search_read: SEARCH_READ },
	'mail.message': { search_read: SEARCH_READ },
	'ir.attachment': {
		create: { level: 'model', params: ['vals_list'], run: (s, m, ids, kw) => createAttachments(s, kw.vals_list) },
		unlink: { level: 'record', params: [], run: (s, m, ids) => unlinkAttachments(s, ids) },
	},
};

const MODELS = new Set([...Object.keys(METHODS), 'res.company', 'mail.message', 'account.account', 'account.journal']);

/** Which fail-step (see /_sandbox/fail-step) a call belongs to. */
const STEP_OF = { 'account.move/search_read': 'guard', 'account.move/create': 'create', 'account.move/action_post': 'post' };

const STEP_ERRORS = {
	guard: () => new OdooError(500, 'psycopg2.errors.QueryCanceled', 'canceling statement due to statement timeout'),
	create: () => validationError('Cannot create unbalanced journal entry. Ids: []\nDifferences debit - credit: [0.01]'),
	post: (call) => userError(`You cannot add/modify entries prior to and inclusive of the lock date ${sqlDateTime(call.now).slice(0, 10)}.`),
};

/**
 * One model method call. `ids` is undefined when the caller gave none, `args` are positional
 * arguments (JSON-RPC only), `kwargs` keyword arguments. Throws OdooError.
 * call = { now, version: 19|17, transport: 'json2'|'jsonrpc', failStep }
 */
export function callKw(state, model, method, ids, args, kwargs, call) {
	if (method.startsWith('_')) {
		throw new OdooError(403, 'odoo.exceptions.AccessError', `Private methods (such as '${model}.${method}') cannot be called remotely.`);
	}
	const spec = METHODS[model]?.[method];
	if (!spec) {
		// As a real Odoo 19.0 answers: JSON-2's route says NotFound; execute_kw looks the model up
		// in its registry (UserError) and the method on the model (AttributeError, a 500).
		const rpc = call.transport === 'jsonrpc';
		if (!MODELS.has(model)) throw rpc ? userError(`Object ${model} doesn't exist`) : new OdooError(404, 'werkzeug.exceptions.NotFound', `the model '${model}' does not exist`);
		const missing = `The method '${model}.${method}' does not exist or is not available in the sandbox.`;
		throw rpc ? new OdooError(500, 'builtins.AttributeError', missing) : new OdooError(404, 'werkzeug.exceptions.NotFound', missing);
	}
	if (spec.level === 'model' && ids !== undefined) throw unprocessable(`cannot call ${model}.${method} with ids`);
	// execute_kw hands create its first positional argument: vals_list as a keyword leaves none.
	if (call.transport === 'jsonrpc' && spec.params[0] === 'vals_list' && args.length === 0) {
		throw new OdooError(500, 'builtins.IndexError', 'list index out of range');
	}
	if (spec.level === 'record') {
		ids = ids ?? [];
		if (!isIntList(ids)) throw valueError(`Invalid ids ${JSON.stringify(ids)}: expected a list of integers`);
	}
	const allowed = spec.keywords ?? spec.params;
	const kw = {};
	if (args.length > spec.params.length) {
		throw typeError(`${model}.${method}() takes ${1 + spec.params.length} positional arguments but ${1 + args.length} were given`);
	}
	args.forEach((v, i) => {
		kw[spec.params[i]] = v;
	});
	for (const [k, v] of Object.entries(kwargs ?? {})) {
		if (k === 'context') continue;
		if (!allowed.includes(k) && !spec.varKeywords) {
			throw call.transport === 'json2' ? unprocessable(`got an unexpected keyword argument '${k}'`) : typeError(`${model}.${method}() got an unexpected keyword argument '${k}'`);
		}
		if (k in kw) throw typeError(`${model}.${method}() got multiple values for argument '${k}'`);
		kw[k] = v;
	}
	if (kwargs?.context !== undefined) kw.context = kwargs.context;
	for (const name of spec.required ?? []) {
		if (!(name in kw)) {
			throw call.transport === 'json2' ? unprocessable(`missing a required argument: '${name}'`) : typeError(`${model}.${method}() missing 1 required positional argument: '${name}'`);
		}
	}
	const step = STEP_OF[`${model}/${method}`];
	if (step && call.failStep === step) throw STEP_ERRORS[step](call);
	if (spec.params.includes('vals_list')) {
		if (kw.vals_list === undefined) throw typeError(`${model}.create() missing 1 required positional argument: 'vals_list'`);
		// The legacy API still takes a single dict and then answers a single id.
		if (kw.vals_list && typeof kw.vals_list === 'object' && !Array.isArray(kw.vals_list)) {
			return spec.run(state, model, ids, { ...kw, vals_list: [kw.vals_list] }, call)[0];
		}
		if (!Array.isArray(kw.vals_list)) throw valueError(`vals_list must be a list of dicts, got ${JSON.stringify(kw.vals_list)}`);
	}
	return spec.run(state, model, ids, kw, call);
}
