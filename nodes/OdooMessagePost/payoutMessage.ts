import type { INodeExecutionData } from 'n8n-workflow';

import { escapeHtml } from '../shared/html';

export type Outcome = 'success' | 'failure';

// The seed's two texts with its typos and stray characters fixed. Placeholders use single braces
// so that they never clash with n8n's own {{ }} expressions.
export const SUCCESS_TEXT = `Your payment request {reference} ({date}) with amount {amount} {currency} has been successfully processed.
Your earnings are on their way. Please allow 1-5 business days for them to appear in your configured local payout method.
To check your payment status, please click here: {payout_link}
We are very happy to work with you.
Regards,`;

export const FAILURE_TEXT = `Our team is reviewing your payment request {reference} ({date}) with amount {amount} {currency}.
If everything is correct, your payment will be successfully processed within 1 to 5 business days to your configured local payment method.
If we find any issues, we will contact you immediately.
Don't worry, this is part of our standard procedure.
Regards,`;

export const PLACEHOLDERS = ['reference', 'date', 'amount', 'currency', 'payout_link'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PayoutValues = Record<Placeholder, string>;

const PLACEHOLDER_PATTERN = /\{(reference|date|amount|currency|payout_link)\}/g;

export function placeholdersIn(template: string): Placeholder[] {
	return [...new Set([...template.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1] as Placeholder))];
}

/**
 * An item that comes from a node's error output (or a "Continue" failure) carries an error: the
 * payout steps before this node did not all succeed.
 */
export function detectOutcome(item: INodeExecutionData): Outcome {
	const error = item.error ?? item.json?.error;
	const failed = error !== undefined && error !== null && error !== false && error !== '';
	return failed ? 'failure' : 'success';
}

/**
 * Fills a plain-text template into HTML: the template's text and every value are escaped, the
 * payout link becomes a link, and line breaks are kept.
 */
export function renderPayoutHtml(template: string, values: PayoutValues): string {
	// Line breaks become <br> in the text and the values, never inside the link's href.
	const text = (value: string) => escapeHtml(value).replace(/\r?\n/g, '<br>');
	const trimmed = template.trim();
	let html = '';
	let last = 0;
	for (const match of trimmed.matchAll(PLACEHOLDER_PATTERN)) {
		html += text(trimmed.slice(last, match.index));
		const name = match[1] as Placeholder;
		if (name === 'payout_link') {
			const href = escapeHtml(values[name].replace(/\s+/g, ''));
			html += `<a href="${href}">${href}</a>`;
		} else {
			html += text(values[name]);
		}
		last = (match.index ?? 0) + match[0].length;
	}
	html += text(trimmed.slice(last));
	return `<p>${html}</p>`;
}
