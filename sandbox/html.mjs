// Odoo sanitizes HTML bodies before showing them; the status page does the same with a whitelist,
// so a posted <script> can never run in the newcomer's browser.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value) {
	return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const ALLOWED = new Set([
	'p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'a', 'ul', 'ol', 'li', 'span', 'div', 'blockquote',
	'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'hr', 'code', 'pre',
	'small', 'sup', 'sub',
]);
const VOID = new Set(['br', 'hr']);
// Their content is code or markup, never text to show.
const DROP_WITH_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'title', 'svg', 'math', 'xmp', 'noembed', 'noframes']);
const ALLOWED_ATTRS = new Set(['href', 'title', 'colspan', 'rowspan', 'align']);
const SAFE_URL = /^(?:https?:|mailto:|#|\/(?!\/))/i;

// Attributes are captured loosely ([^>]*) and re-parsed: no nested quantifiers, so no catastrophic
// backtracking on hostile input; a quoted ">" just ends the tag early and the rest becomes text.
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|[^<]+|</g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function decodeBasicEntities(s) {
	return s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]);
}

function renderAttrs(tag, raw) {
	let out = '';
	for (const m of raw.matchAll(ATTR)) {
		const name = m[1].toLowerCase();
		if (!ALLOWED_ATTRS.has(name)) continue;
		const value = decodeBasicEntities(m[2] ?? m[3] ?? m[4] ?? '');
		if (name === 'href') {
			// Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
			if (tag !== 'a' || !SAFE_URL.test(value.replace(/[\u0000-\u0020]/g, ''))) continue;
		}
		out += ` ${name}="${escapeHtml(value)}"`;
	}
	if (tag === 'a') out += ' rel="noopener noreferrer"';
	return out;
}

export function sanitizeHtml(input) {
	const src = String(input ?? '');
	const open = [];
	let out = '';
	let dropping = null;
	let dropDepth = 0;
	for (const m of src.matchAll(TOKEN)) {
		const [token, slash, rawName, rawAttrs] = m;
		if (rawName === undefined) {
			if (dropping || token.startsWith('<!--')) continue;
			out += token === '<' ? '&lt;' : token.replace(/>/g, '&gt;');
			continue;
		}
		const tag = rawName.toLowerCase();
		if (dropping) {
			if (tag === dropping) dropDepth += slash ? -1 : 1;
			if (dropDepth === 0) dropping = null;
			continue;
		}
		if (DROP_WITH_CONTENT.has(tag)) {
			if (!slash && !/\/\s*$/.test(rawAttrs)) {
				dropping = tag;
				dropDepth = 1;
			}
			continue;
		}
		if (!ALLOWED.has(tag)) continue;
		if (slash) {
			const at = open.lastIndexOf(tag);
			if (at < 0) continue;
			while (open.length > at) out += `</${open.pop()}>`;
		} else if (VOID.has(tag)) {
			out += `<${tag}>`;
		} else {
			out += `<${tag}${renderAttrs(tag, rawAttrs)}>`;
			open.push(tag);
		}
	}
	// Unclosed tags would bleed into the rest of the status page.
	while (open.length) out += `</${open.pop()}>`;
	return out;
}
