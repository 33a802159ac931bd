// Payout items to send through n8n, and what the sandbox's state says came of them: shared by the
// benchmark (scripts/bench) and the real-n8n cases (test/n8n/cases).
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { ROOT } from './n8n-driver.mjs';

/** The node's own renderer, from the build, so (b) and (c) send byte for byte what (a) sends. */
function payoutRenderer() {
	const require = createRequire(join(ROOT, 'package.json'));
	const { renderPayoutHtml, SUCCESS_TEXT } = require(join(ROOT, 'dist/nodes/OdooMessagePost/payoutMessage.js'));
	return (values) => renderPayoutHtml(SUCCESS_TEXT, values);
}

const PARTNERS = [7, 8];

/**
 * `count` payout items; references are `<tag>-<index>` so a run's posts can be told apart.
 * With `html`, each item also carries the chatter body the node renders for it (for (b) and (c)).
 */
export function payoutItems(count, tag, { html = false } = {}) {
	const render = html ? payoutRenderer() : null;
	const items = new Array(count);
	for (let i = 0; i < count; i++) {
		const reference = `${tag}-${i}`;
		const item = {
			partner_id: PARTNERS[i % PARTNERS.length],
			reference,
			date: '2026-11-22',
			amount: (100 + (i % 900) + 0.5).toFixed(2),
			currency: 'EUR',
			payout_link: `https://pay.example.com/status/${reference}`,
		};
		if (render) item.body_html = render({ ...item });
		items[i] = item;
	}
	return items;
}

/** Chatter posts per payout reference with the given tag, from the sandbox's state. */
export function postsByReference(state, tag) {
	const pattern = new RegExp(`${tag}-(\\d+)`);
	const counts = new Map();
	for (const m of state.odoo.messages) {
		const hit = pattern.exec(m.body_html ?? '');
		if (hit) counts.set(Number(hit[1]), (counts.get(Number(hit[1])) ?? 0) + 1);
	}
	return counts;
}

/** Why an item is on the error output, from its message (n8n keeps only the message in json). */
export function reasonOf(message) {
	const text = String(message ?? '');
	if (text.includes('may have been sent')) return 'outcome unknown ("may have been sent")';
	if (/HTTP 429/.test(text)) return 'throttled (429), retries used up';
	if (/HTTP 50[23]/.test(text)) return 'unavailable (502/503), retries used up';
	return `other: ${text.slice(0, 80)}`;
}

/**
 * Reads a fault run from the node's two outputs and the sandbox: every item is either on the
 * success output and posted exactly once, or on the error output with a reason and, in its
 * error's context, whether it may have been sent; duplicates are references posted more than once.
 * `violations` counts what must never happen; duplicates must not happen unless the user opted
 * into retrying unknown outcomes.
 */
export function faultOutcome({ runData, nodeName, state, tag, count }) {
	const task = runData[nodeName]?.[0];
	if (!task) throw new Error(`no run data for ${nodeName}`);
	const [sentItems = [], failedItems = []] = task.data?.main ?? [];
	const posts = postsByReference(state, tag);
	const indexOf = (item) => (Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem)?.item;
	const seen = new Map();
	const violations = { sentButNotPosted: 0, failedWithoutReason: 0, notSentButPosted: 0, unknownWithoutMayHaveBeenSent: 0, onBothOutputs: 0 };
	const result = {
		items: count,
		sent: sentItems.length,
		failed: failedItems.length,
		sentOnce: 0,
		sentMoreThanOnce: 0,
		byReason: {},
		byDelivery: {},
		failedButPosted: 0,
		duplicates: 0,
		missing: 0,
		violations,
		nodeMs: task.executionTime,
		ambiguousMessages: [],
	};
	for (const item of sentItems) {
		const i = indexOf(item);
		seen.set(i, 'sent');
		const posted = posts.get(i) ?? 0;
		if (posted === 1) result.sentOnce++;
		else if (posted === 0) violations.sentButNotPosted++;
		else result.sentMoreThanOnce++;
	}
	for (const item of failedItems) {
		const i = indexOf(item);
		if (seen.has(i)) violations.onBothOutputs++;
		seen.set(i, 'failed');
		const message = String(item.json?.error ?? item.error?.message ?? '');
		if (!message) violations.failedWithoutReason++;
		const reason = reasonOf(message);
		result.byReason[reason] = (result.byReason[reason] ?? 0) + 1;
		const delivery = item.error?.context?.delivery ?? '(not saved)';
		result.byDelivery[delivery] = (result.byDelivery[delivery] ?? 0) + 1;
		const mayHaveBeenSent = message.includes('may have been sent');
		if (delivery === 'unknown' && !mayHaveBeenSent) violations.unknownWithoutMayHaveBeenSent++;
		if (mayHaveBeenSent && result.ambiguousMessages.length < 3) result.ambiguousMessages.push(message);
		if (posts.get(i)) {
			result.failedButPosted++;
			if (delivery === 'not-sent' || !mayHaveBeenSent) violations.notSentButPosted++;
		}
	}
	for (let i = 0; i < count; i++) {
		if (!seen.has(i)) result.missing++;
		if ((posts.get(i) ?? 0) > 1) result.duplicates++;
	}
	return result;
}

/** Per payout reference: one chatter post, one transfer, one journal entry, one of each message. */
export function loadOutcome({ requests, answers, state }) {
	const tally = (list, key) => {
		const m = new Map();
		for (const x of list) {
			const k = key(x);
			if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
		}
		return m;
	};
	const refs = new Set(requests.map((r) => r.reference));
	const refIn = (text) => {
		for (const match of String(text ?? '').matchAll(/[A-Za-z0-9-]+/g)) if (refs.has(match[0])) return match[0];
		return undefined;
	};
	const posts = tally(state.odoo.messages, (m) => refIn(m.body_html));
	const transfers = tally(state.stripe.transfers, (t) => (refs.has(t.transfer_group) ? t.transfer_group : undefined));
	// The example books each payout with its reference as the journal entry's ref.
	const moves = tally(state.odoo.moves, (m) => (refs.has(m.ref) ? m.ref : undefined));
	const messenger = tally(state.harasocial.messages, (m) => refIn(m.metadata));
	const onebox = tally(state.onebox.messages, (m) => refIn(m.Subject));
	const result = { requests: requests.length, answered: 0, paid: 0, statuses: {}, postsOnce: 0, postsTwice: 0, transfersOnce: 0, transfersTwice: 0, movesOnce: 0, movesTwice: 0, messengerOnce: 0, oneboxOnce: 0 };
	answers.forEach((a, i) => {
		const ref = requests[i].reference;
		result.statuses[a.status] = (result.statuses[a.status] ?? 0) + 1;
		if (a.status > 0) result.answered++;
		if (a.status === 200 && a.body?.status === 'paid') result.paid++;
		const count = (m) => m.get(ref) ?? 0;
		if (count(posts) === 1) result.postsOnce++;
		if (count(posts) > 1) result.postsTwice++;
		if (count(transfers) === 1) result.transfersOnce++;
		if (count(transfers) > 1) result.transfersTwice++;
		if (count(moves) === 1) result.movesOnce++;
		if (count(moves) > 1) result.movesTwice++;
		if (count(messenger) === 1) result.messengerOnce++;
		if (count(onebox) === 1) result.oneboxOnce++;
	});
	return result;
}
