import { z } from 'zod';

import { isHttpUrl } from './urls';

/**
 * Ids and links as the nodes accept them, shared by every node that takes a record id or a URL
 * from an expression. Strict on purpose: `Number("0x10")` is 16, `Number("1e3")` 1000 and `1e21`
 * an "integer", so a typo or a wrong field would otherwise reach the API as a real id.
 */

const DIGITS = /^\s*\d+\s*$/;

/** A positive record id: a safe integer, or decimal digits with optional surrounding spaces. */
export function toRecordId(raw: unknown): number | undefined {
	if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw > 0 ? raw : undefined;
	if (typeof raw !== 'string' || !DIGITS.test(raw)) return undefined;
	const id = Number(raw.trim());
	return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** How a wrong value reads in an error: short, and objects shown as what they are. */
export function shown(raw: unknown): string {
	if (raw === undefined || raw === null || raw === '') return 'empty';
	if (Array.isArray(raw)) return `an array ${JSON.stringify(raw).slice(0, 60)}`;
	if (typeof raw === 'object') return `an object ${JSON.stringify(raw)?.slice(0, 60) ?? ''}`;
	return `"${String(raw).slice(0, 60)}"`;
}

const ID_RULE = `a positive whole number written with digits only (at most ${Number.MAX_SAFE_INTEGER})`;

/** Odoo many2one values read as `[id, "name"]`: the id is the first element. */
const isMany2one = (raw: unknown): raw is [number, string] =>
	Array.isArray(raw) && raw.length === 2 && typeof raw[0] === 'number' && typeof raw[1] === 'string';

/** Why `raw` is not a record id, in the field's words. */
export function recordIdProblem(what: string, raw: unknown): string {
	const hint = isMany2one(raw) ? `: it is an Odoo many2one pair, use its id, e.g. {{ $json.partner_id[0] }}` : '';
	return `${what} must be ${ID_RULE}, not ${shown(raw)}${hint}`;
}

/** zod schema of one required record id (`what` names the field, e.g. "Record ID"). */
export const recordId = (what: string) =>
	z.unknown().transform((raw, ctx) => {
		const id = toRecordId(raw);
		if (id !== undefined) return id;
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: recordIdProblem(what, raw) });
		return z.NEVER;
	});

/** Like recordId, but empty (or 0 from a number field) means "not given". */
export const optionalRecordId = (what: string) =>
	z.unknown().transform((raw, ctx) => {
		if (raw === undefined || raw === null || raw === 0 || (typeof raw === 'string' && raw.trim() === '')) return undefined;
		const id = toRecordId(raw);
		if (id !== undefined) return id;
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: recordIdProblem(what, raw) });
		return z.NEVER;
	});

/**
 * A list of record ids: "1, 2", a number, or an array of numbers or digit strings (what
 * expressions give). Returns the ids, or the problem of the first wrong entry.
 */
export function parseRecordIds(raw: unknown, what: string): { ids: number[] } | { problem: string } {
	if (raw === undefined || raw === null) return { ids: [] };
	let parts: unknown[];
	if (Array.isArray(raw)) parts = raw;
	else if (typeof raw === 'number') parts = [raw];
	else if (typeof raw === 'string') parts = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
	else return { problem: `${what} must be a comma-separated list or an array of ids, not ${shown(raw)}` };
	const ids: number[] = [];
	for (const part of parts) {
		const id = toRecordId(part);
		if (id === undefined) return { problem: recordIdProblem(`Each of ${what}`, part) };
		ids.push(id);
	}
	return { ids };
}

/** zod schema of parseRecordIds. */
export const recordIdList = (what: string) =>
	z.unknown().transform((raw, ctx) => {
		const result = parseRecordIds(raw, what);
		if ('ids' in result) return result.ids;
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.problem });
		return z.NEVER;
	});

/** zod schema of an http(s) link read from an item, trimmed. */
export const httpUrl = (what: string) =>
	z.unknown().transform((raw, ctx) => {
		const value = typeof raw === 'string' ? raw.trim() : raw;
		if (typeof value === 'string' && isHttpUrl(value)) return value;
		const why = typeof value === 'string' && /\s/.test(value) && value !== '' ? ' (it contains a space or a line break)' : '';
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${what} must be an http:// or https:// address${why}, not ${shown(value)}` });
		return z.NEVER;
	});

interface LuxonLike {
	isLuxonDateTime: true;
	toISODate(): string | null;
}

/**
 * A value that fills a text placeholder: text or a number; for a date also a Date or Luxon
 * DateTime (what `$now` and `DateTime.fromISO()` give). Anything else would be sent as
 * "[object Object]" or "1,EUR": the result says why instead.
 */
export function placeholderText(raw: unknown, placeholder: string, field: string, acceptDates = false): { text: string } | { problem: string } {
	if (raw === undefined || raw === null) return { text: '' };
	if (typeof raw === 'string') return { text: raw.trim() };
	if (typeof raw === 'number' && Number.isFinite(raw)) return { text: String(raw) };
	if (typeof raw === 'bigint') return { text: raw.toString() };
	if (acceptDates && raw instanceof Date && !Number.isNaN(raw.getTime())) return { text: raw.toISOString().slice(0, 10) };
	if (acceptDates && typeof raw === 'object' && (raw as Partial<LuxonLike>).isLuxonDateTime === true) {
		const date = (raw as LuxonLike).toISODate();
		if (date) return { text: date };
	}
	const accepted = acceptDates ? 'text, a number or a date' : 'text or a number';
	let problem = `${field} (for {${placeholder}}) must be ${accepted}, not ${shown(raw)}`;
	if (isMany2one(raw)) {
		problem += `. It is an Odoo many2one pair [id, "name"]: use the name, e.g. {{ $json.${placeholder === 'currency' ? 'currency_id' : placeholder}[1] }}`;
	} else if (Array.isArray(raw)) {
		problem += `. Pick one element in the expression, e.g. {{ $json.${placeholder}[0] }}`;
	} else if (typeof raw === 'object') {
		problem += `. Pick the property you mean in the expression, e.g. {{ $json.${placeholder}.value }}`;
	}
	return { problem };
}
