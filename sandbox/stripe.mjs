// Stripe's transfer and payout endpoints, with its idempotency semantics: the one property that
// makes retrying a money movement safe, so the sandbox must get it exactly right.
import { bearerToken, json, mediaType } from './respond.mjs';
import { SANDBOX_SECRETS } from './secrets.mjs';

const SECRET_KEY = SANDBOX_SECRETS.stripe.secretKey;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function createStripeState() {
	return { transfers: [], payouts: [], idempotency: new Map() };
}

function stripeError(status, error, requestId) {
	return json(status, { error: { ...error, request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}` } }, { 'request-id': requestId });
}

function newId(sandbox, prefix) {
	let s = '';
	for (let i = 0; i < 24; i++) s += ALPHABET[Math.floor(sandbox.idRandom() * 62)];
	return `${prefix}_1${s}`;
}

/** Only the key's prefix ever goes back to the client, like Stripe's own masking. */
function maskKey(key) {
	const prefix = /^(?:sk|rk|pk)_(?:test|live)_/.exec(key)?.[0] ?? '';
	return `${prefix}****`;
}

function authenticate(ctx) {
	const header = ctx.headers.authorization;
	let key = bearerToken(header);
	// Stripe also takes the key as the Basic-auth user name (curl -u sk_test_...:).
	if (key === null && typeof header === 'string' && /^basic\s+/i.test(header)) {
		key = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString().split(':')[0];
	}
	if (!key) {
		return { type: 'invalid_request_error', message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/." };
	}
	if (key !== SECRET_KEY) return { type: 'invalid_request_error', message: `Invalid API Key provided: ${maskKey(key)}` };
	return null;
}

const missing = (param) => ({ type: 'invalid_request_error', code: 'parameter_missing', param, message: `Missing required param: ${param}.` });

// Stripe's currency rules for amounts in the smallest unit (stripe.com/docs/currencies).
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);
const TWO_DECIMAL = new Set(['usd', 'eur', 'gbp', 'chf', 'cad', 'aud', 'nzd', 'sek', 'nok', 'dkk', 'pln', 'czk', 'huf', 'ron', 'bgn', 'isk', 'sgd', 'hkd', 'mxn', 'brl', 'inr', 'idr', 'myr', 'php', 'thb', 'zar', 'aed', 'sar', 'ils', 'try', 'twd', 'cny']);

function checkAmountCurrency(params) {
	if (params.amount === undefined || params.amount === '') return missing('amount');
	if (!/^\d+$/.test(params.amount)) return { type: 'invalid_request_error', code: 'parameter_invalid_integer', param: 'amount', message: `Invalid integer: ${params.amount}` };
	if (Number(params.amount) < 1) return { type: 'invalid_request_error', code: 'parameter_invalid_integer', param: 'amount', message: 'This value must be greater than or equal to 1.' };
	if (!params.currency) return missing('currency');
	const currency = String(params.currency).toLowerCase();
	if (!ZERO_DECIMAL.has(currency) && !THREE_DECIMAL.has(currency) && !TWO_DECIMAL.has(currency)) {
		return { type: 'invalid_request_error', param: 'currency', message: `Invalid currency: ${params.currency}. Stripe currently supports these currencies: usd, eur, gbp, idr, ...` };
	}
	if (THREE_DECIMAL.has(currency) && Number(params.amount) % 10 !== 0) {
		return { type: 'invalid_request_error', code: 'amount_too_precise', param: 'amount', message: `Invalid amount: ${params.amount}. ${currency.toUpperCase()} amounts are in thousandths and must end in 0.` };
	}
	return null;
}

const metadataOf = (params) => (params.metadata && typeof params.metadata === 'object' && !Array.isArray(params.metadata) ? params.metadata : {});

function createTransfer(sandbox, params, nowSec) {
	const invalid = checkAmountCurrency(params) ?? (params.destination ? null : missing('destination'));
	if (invalid) return { status: 400, error: invalid };
	// Connected accounts in the sandbox are exactly the ids that start like real ones (acct_1...).
	if (!String(params.destination).startsWith('acct_1')) {
		return { status: 400, error: { type: 'invalid_request_error', code: 'resource_missing', param: 'destination', message: `No such destination: '${params.destination}'`, doc_url: 'https://stripe.com/docs/error-codes/resource-missing' } };
	}
	if (sandbox.control.failStep === 'transfer') {
		return { status: 402, stored: true, error: { type: 'invalid_request_error', code: 'balance_insufficient', message: 'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance', doc_url: 'https://stripe.com/docs/error-codes/balance-insufficient' } };
	}
	const id = newId(sandbox, 'tr');
	const transfer = {
		id, object: 'transfer', amount: Number(params.amount), amount_reversed: 0, balance_transaction: newId(sandbox, 'txn'), created: nowSec,
		currency: params.currency.toLowerCase(), description: params.description ?? null, destination: params.destination,
		destination_payment: newId(sandbox, 'py'), livemode: false, metadata: metadataOf(params),
		reversals: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/transfers/${id}/reversals` },
		reversed: false, source_transaction: null, source_type: 'card', transfer_group: params.transfer_group ?? null,
	};
	sandbox.state.stripe.transfers.push(transfer);
	return { status: 200, body: transfer };
}

function createPayout(sandbox, params, nowSec, account) {
	const invalid = checkAmountCurrency(params);
	if (invalid) return { status: 400, error: invalid };
	if (sandbox.control.failStep === 'payout') {
		return { status: 400, stored: true, error: { type: 'invalid_request_error', code: 'payouts_not_allowed', message: 'Payouts have been disabled on the connected account. Check the account requirements in the Dashboard.', doc_url: 'https://stripe.com/docs/error-codes/payouts-not-allowed' } };
	}
	const payout = {
		id: newId(sandbox, 'po'), object: 'payout', amount: Number(params.amount), arrival_date: nowSec + 2 * 86400, automatic: false,
		balance_transaction: newId(sandbox, 'txn'), created: nowSec, currency: params.currency.toLowerCase(), description: params.description ?? null,
		destination: newId(sandbox, 'ba'), failure_balance_transaction: null, failure_code: null, failure_message: null, livemode: false,
		metadata: metadataOf(params), method: params.method ?? 'standard', source_type: 'card', statement_descriptor: params.statement_descriptor ?? null,
		status: 'pending', type: 'bank_account',
	};
	// The connected account is not a payout field; state keeps it so tests can tell payouts apart.
	sandbox.state.stripe.payouts.push({ ...payout, stripe_account: account ?? null });
	return { status: 200, body: payout };
}

/** Key order must not matter: amount=1&currency=eur is the same request as currency=eur&amount=1. */
function canonical(value) {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

export function handleStripe(ctx, sandbox) {
	const requestId = `req_${newId(sandbox, 'x').slice(3, 17)}`;
	const authError = authenticate(ctx);
	if (authError) return stripeError(401, authError, requestId);
	const route = `${ctx.method} ${ctx.path}`;
	const account = ctx.headers['stripe-account'];
	if (account !== undefined && !String(account).startsWith('acct_1')) {
		return stripeError(403, { type: 'invalid_request_error', code: 'account_invalid', message: `The provided key '${maskKey(SECRET_KEY)}' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.` }, requestId);
	}
	if (ctx.method === 'GET') return getObject(sandbox, ctx.path, requestId, ctx.query);
	if (route !== 'POST /v1/transfers' && route !== 'POST /v1/payouts') {
		return stripeError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${ctx.method}: ${ctx.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.` }, requestId);
	}
	if (ctx.raw.length > 0 && mediaType(ctx.headers['content-type']) !== 'application/x-www-form-urlencoded') {
		return stripeError(400, { type: 'invalid_request_error', message: 'Invalid request (check that your POST content type is application/x-www-form-urlencoded). If you have any questions, we can help at https://support.stripe.com/.' }, requestId);
	}
	const params = ctx.form();
	const key = ctx.headers['idempotency-key'];
	const scope = `${account ?? 'platform'}:${key}`;
	// Stripe compares the parameters of the first request, not just the key.
	const fingerprint = `${route}\n${canonical(params)}`;
	if (key !== undefined) {
		const saved = sandbox.state.stripe.idempotency.get(scope);
		if (saved) {
			if (saved.fingerprint !== fingerprint) {
				return stripeError(400, { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.` }, requestId);
			}
			return { ...saved.response, headers: { ...saved.response.headers, 'idempotent-replayed': 'true', 'original-request': saved.requestId, 'request-id': requestId } };
		}
	}
	const nowSec = Math.floor(sandbox.now() / 1000);
	const result = route === 'POST /v1/transfers' ? createTransfer(sandbox, params, nowSec) : createPayout(sandbox, params, nowSec, account);
	const headers = key !== undefined ? { 'idempotency-key': key, 'request-id': requestId } : { 'request-id': requestId };
	const response = result.error ? stripeError(result.status, result.error, requestId) : json(200, result.body, headers);
	// Stripe saves the outcome once execution started (including declines), never a validation error.
	if (key !== undefined && (result.status === 200 || result.stored)) {
		sandbox.state.stripe.idempotency.set(scope, { fingerprint, response, requestId });
	}
	return response;
}

/** GET /v1/transfers?transfer_group=…: newest first, like Stripe's lists. */
function listTransfers(sandbox, query, requestId) {
	const group = query.get('transfer_group');
	const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 10) || 10));
	const all = sandbox.state.stripe.transfers.filter((t) => group === null || t.transfer_group === group).slice().reverse();
	return json(200, { object: 'list', data: all.slice(0, limit), has_more: all.length > limit, url: '/v1/transfers' }, { 'request-id': requestId });
}

function getObject(sandbox, path, requestId, query) {
	if (path === '/v1/transfers') return listTransfers(sandbox, query, requestId);
	if (path === '/v1/balance') {
		return json(200, { object: 'balance', available: [{ amount: 1_000_000_00, currency: 'eur', source_types: { card: 1_000_000_00 } }], pending: [], livemode: false }, { 'request-id': requestId });
	}
	const m = /^\/v1\/(transfers|payouts)\/([^/]+)$/.exec(path);
	const found = m && sandbox.state.stripe[m[1]].find((o) => o.id === m[2]);
	if (found) {
		const { stripe_account: _account, ...object } = found;
		return json(200, object, { 'request-id': requestId });
	}
	if (m) return stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'id', message: `No such ${m[1].slice(0, -1)}: '${m[2]}'` }, requestId);
	return stripeError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (GET: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.` }, requestId);
}
