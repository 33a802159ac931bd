// The /_sandbox control API: what tests and the start script use to inspect and steer the fakes.
import { normalizeRules } from './faults.mjs';
import { json } from './respond.mjs';
import { SANDBOX_SECRETS } from './secrets.mjs';

const STEPS = new Set(['transfer', 'payout', 'guard', 'create', 'post']);
const SERVICES = new Set(['odoo', 'stripe', 'harasocial', 'onebox']);

const badRequest = (message) => json(400, { error: message });

function body(ctx) {
	if (ctx.raw.trim() === '') return { ok: true, value: {} };
	const parsed = ctx.json();
	if (!parsed.ok) return { ok: false, response: badRequest(`body is not JSON: ${parsed.error}`) };
	if (!parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return { ok: false, response: badRequest('body must be a JSON object') };
	return parsed;
}

export function snapshot(state) {
	return {
		odoo: { messages: state.odoo.messages, moves: state.odoo.moves, attachments: state.odoo.attachments },
		stripe: { transfers: state.stripe.transfers, payouts: state.stripe.payouts },
		harasocial: { messages: state.harasocial.messages },
		onebox: { messages: state.onebox.messages, logins: state.onebox.logins },
	};
}

function faultList(sandbox) {
	return json(200, { rules: sandbox.faults.rules });
}

export function handleControl(ctx, sandbox) {
	const route = `${ctx.method} ${ctx.path}`;
	switch (route) {
		case 'GET /requests': {
			const service = ctx.query.get('service') || undefined;
			if (service && !SERVICES.has(service)) return badRequest(`service must be one of ${[...SERVICES].join(', ')}`);
			const sinceRaw = ctx.query.get('since');
			const since = sinceRaw === null ? undefined : Number(sinceRaw);
			if (since !== undefined && !Number.isFinite(since)) return badRequest('since must be a number');
			return json(200, { lastSeq: sandbox.log.seq, evicted: sandbox.log.evicted, requests: sandbox.log.list({ service, since }) });
		}
		case 'GET /state':
			return json(200, snapshot(sandbox.state));
		case 'POST /reset':
			sandbox.reset();
			return json(200, { ok: true });
		case 'GET /faults':
			return faultList(sandbox);
		case 'DELETE /faults':
			sandbox.faults.rules = [];
			return faultList(sandbox);
		case 'POST /faults': {
			const b = body(ctx);
			if (!b.ok) return b.response;
			try {
				// Replaces the list: a test states the whole fault scenario it wants.
				sandbox.faults.rules = normalizeRules(b.value.rules);
			} catch (err) {
				return badRequest(err.message);
			}
			return faultList(sandbox);
		}
		case 'GET /fail-step':
			return json(200, { step: sandbox.control.failStep });
		case 'POST /fail-step': {
			const b = body(ctx);
			if (!b.ok) return b.response;
			const step = b.value.step ?? null;
			if (step !== null && !STEPS.has(step)) return badRequest(`step must be one of ${[...STEPS].join(', ')} or null`);
			sandbox.control.failStep = step;
			return json(200, { step });
		}
		case 'GET /onebox-mode':
			return json(200, sandbox.control.onebox);
		case 'POST /onebox-mode': {
			const b = body(ctx);
			if (!b.ok) return b.response;
			for (const k of ['quota', 'thirdPartyError']) {
				if (b.value[k] === undefined) continue;
				if (typeof b.value[k] !== 'boolean') return badRequest(`${k} must be a boolean`);
				sandbox.control.onebox[k] = b.value[k];
			}
			return json(200, sandbox.control.onebox);
		}
		case 'GET /clock':
			return json(200, { now: new Date(sandbox.now()).toISOString(), offsetSeconds: sandbox.control.clockOffsetMs / 1000 });
		case 'POST /clock': {
			// Lets a test expire a 15-minute Onebox token without waiting 15 minutes.
			const b = body(ctx);
			if (!b.ok) return b.response;
			const { advanceSeconds, offsetSeconds } = b.value;
			if (advanceSeconds !== undefined && typeof advanceSeconds !== 'number') return badRequest('advanceSeconds must be a number');
			if (offsetSeconds !== undefined && typeof offsetSeconds !== 'number') return badRequest('offsetSeconds must be a number');
			if (offsetSeconds !== undefined) sandbox.control.clockOffsetMs = offsetSeconds * 1000;
			if (advanceSeconds !== undefined) sandbox.control.clockOffsetMs += advanceSeconds * 1000;
			return json(200, { now: new Date(sandbox.now()).toISOString(), offsetSeconds: sandbox.control.clockOffsetMs / 1000 });
		}
		case 'POST /stripe/forget-idempotency':
			// Stripe keeps idempotency keys for 24 hours: a replay after that is a new request.
			sandbox.state.stripe.idempotency.clear();
			return json(200, { forgotten: true });
		case 'GET /secrets':
			return json(200, SANDBOX_SECRETS);
		default:
			return json(404, { error: `no control endpoint ${route}`, endpoints: ['GET /_sandbox/requests', 'GET /_sandbox/state', 'POST /_sandbox/reset', 'GET|POST|DELETE /_sandbox/faults', 'GET|POST /_sandbox/fail-step', 'GET|POST /_sandbox/onebox-mode', 'GET|POST /_sandbox/clock', 'POST /_sandbox/stripe/forget-idempotency', 'GET /_sandbox/secrets'] });
	}
}
