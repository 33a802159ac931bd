// The example workflow imported once per n8n under test, and helpers to drive payouts through it
// and read what each API of the sandbox received.
import { readFileSync } from 'node:fs';

import { pointAtSandbox } from '../../../scripts/lib/sandbox-setup.mjs';

const EXAMPLE = new URL('../../../examples/royalties-payout.workflow.json', import.meta.url);
const imported = new WeakMap();

/** Imports and activates the example (once per context); resolves to its webhook path. */
export async function exampleWorkflow(ctx) {
	if (!imported.has(ctx)) {
		imported.set(
			ctx,
			(async () => {
				const json = pointAtSandbox(JSON.parse(readFileSync(EXAMPLE, 'utf8')), ctx.sandboxUrl);
				const id = await ctx.importWorkflow(json);
				await ctx.activate(id);
				return json.nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path;
			})(),
		);
	}
	return imported.get(ctx);
}

let counter = 0;
/** A payout request for Ada Lovelace (RH-0007) with a reference unique to this run. */
export function payoutRequest(overrides = {}) {
	const reference = `PAY-${Date.now().toString(36)}-${++counter}`;
	return {
		partner_ref: 'RH-0007',
		reference,
		date: '2026-11-22',
		amount: 125.5,
		currency: 'EUR',
		payout_link: `https://pay.example.com/status/${reference}`,
		facebook_psid: '2560816460648749',
		onebox_to: 'ada@example.com',
		...overrides,
	};
}

/** What the sandbox holds about one payout reference. */
export async function traceOf(ctx, reference) {
	const state = await ctx.sandboxState();
	const transfers = state.stripe.transfers.filter((t) => t.transfer_group === reference);
	return {
		// The chatter messages to the rights holder (the partner's chatter), and the "stopped" notes a run
		// leaves on its draft journal entry.
		posts: state.odoo.messages.filter((m) => m.model === 'res.partner' && (String(m.body_html ?? '').includes(reference) || String(m.subject ?? '').includes(reference))),
		stops: state.odoo.messages.filter((m) => m.model === 'account.move' && m.subject === `Royalties payout ${reference}: stopped`),
		transfers,
		payouts: state.stripe.payouts.filter((p) => p.metadata?.reference === reference),
		// The journal entry's ref is the payout reference (the transfer's transfer_group).
		moves: state.odoo.moves.filter((m) => m.ref === reference),
		messenger: state.harasocial.messages.filter((m) => m.metadata === `payout ${reference}`),
		onebox: state.onebox.messages.filter((m) => String(m.Subject ?? '').includes(reference)),
	};
}

export async function failStep(ctx, step) {
	const res = await fetch(`${ctx.sandboxUrl}/_sandbox/fail-step`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ step }),
	});
	if (!res.ok) throw new Error(`fail-step ${step} -> ${res.status}`);
}

export const isPositive = (post) => post.body_html.includes('has been successfully processed');
export const isNegative = (post) => post.body_html.includes('Our team is reviewing your payment request');
