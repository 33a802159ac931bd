import { DateTime } from 'luxon';

import { parseRecordIds, placeholderText, recordId, toRecordId } from '../../../nodes/shared/values';

test('record ids are decimal digits (spaces around allowed) or safe integers, nothing else', () => {
	expect([' 42 ', '7', 7, 9007199254740991].map(toRecordId)).toEqual([42, 7, 7, 9007199254740991]);
	for (const bad of ['0x10', '+7', '1e3', '7.0', '-3', '', ' ', '0', 0, 1.5, 1e21, '9007199254740992', Number.NaN, true, null, {}, [7]]) {
		expect([bad, toRecordId(bad)]).toEqual([bad, undefined]);
	}
	expect(recordId('Connection ID').safeParse('12').data).toBe(12);
});

test('a list of ids: text, a number or an array; the first wrong entry is named', () => {
	expect(parseRecordIds('3, 4,,5', 'Partner IDs')).toEqual({ ids: [3, 4, 5] });
	expect(parseRecordIds([3, '4'], 'Partner IDs')).toEqual({ ids: [3, 4] });
	expect(parseRecordIds(undefined, 'Partner IDs')).toEqual({ ids: [] });
	expect(parseRecordIds(['3', '1e3'], 'Partner IDs')).toEqual({
		problem: 'Each of Partner IDs must be a positive whole number written with digits only (at most 9007199254740991), not "1e3"',
	});
	expect(parseRecordIds({ id: 3 }, 'Partner IDs')).toEqual({ problem: 'Partner IDs must be a comma-separated list or an array of ids, not an object {"id":3}' });
});

test('placeholder values: text and numbers; dates only for {date}', () => {
	expect(placeholderText(' EUR ', 'currency', 'Currency')).toEqual({ text: 'EUR' });
	expect(placeholderText(125.5, 'amount', 'Amount')).toEqual({ text: '125.5' });
	expect(placeholderText(new Date('2026-11-22T00:00:00Z'), 'date', 'Date', true)).toEqual({ text: '2026-11-22' });
	expect(placeholderText(DateTime.fromISO('2026-11-22T10:00:00', { zone: 'Europe/Brussels' }), 'date', 'Date', true)).toEqual({ text: '2026-11-22' });
	expect(placeholderText(new Date('2026-11-22'), 'amount', 'Amount')).toHaveProperty('problem');
	expect(placeholderText(Number.NaN, 'amount', 'Amount')).toHaveProperty('problem');
});
