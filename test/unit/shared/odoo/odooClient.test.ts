import { parseOdooVersion } from '../../../../nodes/shared/odoo/odooClient';

describe('parseOdooVersion', () => {
	test.each([
		['19.0', [19, 0, 0, 'final', 0, ''], 19],
		['19.0+e', [19, 0, 0, 'final', 0, 'e'], 19],
		['saas~19.1+e', ['saas~19', 1, 0, 'final', 0, 'e'], 19],
		['saas~18.3+e', ['saas~18', 3, 0, 'final', 0, 'e'], 18],
		['saas~17.2', ['saas~17', 2, 0, 'final', 0, ''], 17],
		['saas-17', undefined, 17],
		['17.0', undefined, 17],
		[undefined, [16, 0, 0, 'final', 0, ''], 16],
	])('%s / %j -> %d', (version, info, major) => {
		expect(parseOdooVersion(version, info)?.major).toBe(major);
	});

	test.each([
		['master', ['master', 0]],
		['saas~abc', undefined],
		['', []],
		['19.0', [18, 0, 0]],
		[undefined, undefined],
	])('%j / %j is not a version', (version, info) => {
		expect(parseOdooVersion(version, info as unknown[] | undefined)).toBeUndefined();
	});
});
