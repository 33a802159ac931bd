/** Addresses as the nodes and credentials take them. */

/** A base URL from a credential field, trimmed and without trailing slashes ('' stays ''). */
export function baseUrl(value: unknown): string {
	return String(value ?? '').trim().replace(/\/+$/, '');
}

/** An absolute http(s) address with no whitespace inside (a line break would end up inside an href). */
export function isHttpUrl(value: string): boolean {
	if (/\s/.test(value)) return false;
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}
