// The status page a newcomer keeps open beside n8n: what each "service" received, newest first.
import { escapeHtml as e } from './html.mjs';

const SHOWN = 50;

function newest(list) {
	const out = [];
	for (let i = list.length - 1; i >= 0 && out.length < SHOWN; i--) out.push(list[i]);
	return out;
}

function section(title, list, columns, row) {
	const more = list.length > SHOWN ? ` <small>(newest ${SHOWN} of ${list.length})</small>` : ` <small>(${list.length})</small>`;
	const body = list.length
		? `<table><thead><tr>${columns.map((c) => `<th>${e(c)}</th>`).join('')}</tr></thead><tbody>${newest(list).map((x) => `<tr>${row(x).map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`
		: '<p class="empty">Nothing yet.</p>';
	return `<section><h2>${e(title)}${more}</h2>${body}</section>`;
}

const money = (amount, currency) => `${e((amount / 100).toFixed(2))} ${e(String(currency).toUpperCase())}`;
const epoch = (s) => e(new Date(s * 1000).toISOString().replace('T', ' ').slice(0, 19));

export function renderPage(state) {
	const { odoo, stripe, harasocial, onebox } = state;
	const sections = [
		// body_html is the only value rendered as HTML: it went through the same whitelist Odoo applies.
		section('Odoo chatter', odoo.messages, ['date', 'record', 'author', 'type', 'subject', 'body'], (m) => [
			e(m.date), `${e(m.model)} #${e(m.res_id)} ${e(m.record_name)}`, e(m.author?.name), `${e(m.message_type)}<br><small>${e(m.subtype_xmlid)}</small>`, e(m.subject ?? ''), `<div class="body">${m.body_html}</div>`,
		]),
		section('Odoo journal entries', odoo.moves, ['id', 'name', 'ref', 'date', 'state', 'total'], (m) => [e(m.id), e(m.name), e(m.ref), e(m.date), e(m.state), e(m.amount_total)]),
		section('Stripe transfers', stripe.transfers, ['created', 'id', 'amount', 'destination', 'transfer group'], (t) => [epoch(t.created), e(t.id), money(t.amount, t.currency), e(t.destination), e(t.transfer_group ?? '')]),
		section('Stripe payouts', stripe.payouts, ['created', 'id', 'amount', 'account', 'status'], (p) => [epoch(p.created), e(p.id), money(p.amount, p.currency), e(p.stripe_account ?? 'platform'), e(p.status)]),
		section('Harasocial messages', harasocial.messages, ['received', 'page', 'recipient', 'payload id', 'metadata'], (m) => [e(m.received_at), e(m.page_id), e(m.recipient_id), e(m.payload_id), e(m.metadata ?? '')]),
		section('Onebox messages', onebox.messages, ['created', 'id', 'channel', 'to', 'subject', 'text'], (m) => [e(m.CreateDate), e(m.Id), `${e(m.MediaId)} ${e(m.MethodId ?? '')}`, e(m.To), e(m.Subject ?? ''), e(m.Content.BodyText)]),
	];
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>Payout sandbox</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:1rem}
td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}.body{max-width:40rem}.empty{color:#888}
h2 small{font-weight:normal;color:#888}</style></head>
<body><h1>Payout sandbox</h1>
<p>Fake Odoo, Stripe, Harasocial and Onebox. This page refreshes every 3 seconds.
Raw data: <a href="/_sandbox/state">/_sandbox/state</a>, <a href="/_sandbox/requests">/_sandbox/requests</a>.</p>
${sections.join('\n')}
</body></html>`;
}
