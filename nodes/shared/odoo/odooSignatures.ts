import type { IDataObject } from 'n8n-workflow';

/**
 * The leading parameters of common ORM methods, in Odoo's order. JSON-2 takes every argument by
 * name; JSON-RPC's execute_kw takes positional arguments and keywords, and on Odoo 14-17 some
 * leading parameters only work positionally (create's `vals_list` is `arg` in older decorators).
 * Each entry lists the names one position accepts (name_search's second parameter was renamed
 * from `args` to `domain` in Odoo 18).
 */
const SIGNATURES: Record<string, string[][]> = {
	search: [['domain'], ['offset'], ['limit'], ['order']],
	search_read: [['domain'], ['fields'], ['offset'], ['limit'], ['order']],
	search_count: [['domain'], ['limit']],
	read: [['fields']],
	create: [['vals_list']],
	write: [['vals']],
	copy: [['default']],
	name_search: [['name'], ['domain', 'args'], ['operator'], ['limit']],
	read_group: [['domain'], ['fields'], ['groupby'], ['offset'], ['limit'], ['orderby'], ['lazy']],
	fields_get: [['allfields'], ['attributes']],
	default_get: [['fields_list']],
	check_access_rights: [['operation'], ['raise_exception']],
};

/**
 * Splits named arguments into execute_kw's positional list and keywords: the known leading
 * parameters, in order, up to the first one not given; everything else stays a keyword.
 */
export function positionalArguments(method: string, kwargs: IDataObject): { args: unknown[]; rest: IDataObject } {
	const rest: IDataObject = { ...kwargs };
	const args: unknown[] = [];
	for (const names of SIGNATURES[method] ?? []) {
		const given = names.find((name) => name in rest);
		if (given === undefined) break;
		args.push(rest[given]);
		delete rest[given];
	}
	return { args, rest };
}

// Methods that only read: repeating one after a timeout cannot change anything in Odoo.
const READ_ONLY = new Set([
	'search',
	'search_read',
	'search_count',
	'search_fetch',
	'read',
	'read_group',
	'formatted_read_group',
	'web_search_read',
	'web_read',
	'fields_get',
	'name_search',
	'name_get',
	'default_get',
	'context_get',
	'check_access_rights',
	'check_access',
	'has_access',
	'exists',
]);

/** Whether a method only reads (see READ_ONLY; any `*_count` too). */
export function isReadOnlyMethod(method: string): boolean {
	return READ_ONLY.has(method) || /^[a-z0-9_]+_count$/.test(method);
}
