import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { items, json2, ODOO, payout, run, seedParameters } from './fixtures';

describe('bad input is refused per item before anything is sent', () => {
	const RULE = 'must be a positive whole number written with digits only (at most 9007199254740991)';
	const bad: Array<[string, IDataObject, IDataObject, string]> = [
		['a record id that is not a number', { partner_id: 'abc' }, {}, `Record ID ${RULE}, not "abc"`],
		['a record id of 0', { partner_id: 0 }, {}, `Record ID ${RULE}, not "0"`],
		['a hexadecimal record id', { partner_id: '0x10' }, {}, `Record ID ${RULE}, not "0x10"`],
		['a signed record id', { partner_id: '+7' }, {}, `Record ID ${RULE}, not "+7"`],
		['an exponent record id', { partner_id: '1e3' }, {}, `Record ID ${RULE}, not "1e3"`],
		['a record id beyond exact integers', { partner_id: 1e21 }, {}, `Record ID ${RULE}, not "1e+21"`],
		['a digit string beyond exact integers', { partner_id: '9007199254740993' }, {}, `Record ID ${RULE}, not "9007199254740993"`],
		[
			'an Odoo many2one as record id',
			{ partner_id: [7, 'Ada Lovelace'] },
			{},
			`Record ID ${RULE}, not an array [7,"Ada Lovelace"]: it is an Odoo many2one pair, use its id, e.g. {{ $json.partner_id[0] }}`,
		],
		['a record id the expression does not find', { partner_id: undefined }, {}, `Record ID ${RULE}, not empty`],
		['a malformed model', {}, { model: 'Res Partner' }, 'The model must be a technical name such as res.partner or account.move'],
		['partner ids that are not integers', {}, { partnerIds: '3, x' }, `Each of Additional Partner IDs to Notify ${RULE}, not "x"`],
		['a payout link that is not http(s)', { payout_link: 'javascript:alert(1)' }, {}, 'Payout Link must be an http:// or https:// address, not "javascript:alert(1)"'],
		[
			'a payout link with a line break inside',
			{ payout_link: 'https://pay.example.com/a\nb' },
			{},
			'Payout Link must be an http:// or https:// address (it contains a space or a line break), not "https://pay.example.com/a\nb"',
		],
		['an empty value for a placeholder', { reference: ' ' }, {}, 'The success text uses {reference} but Reference is empty'],
		[
			'an object for a placeholder',
			{ amount: { value: 125.5 } },
			{},
			'Amount (for {amount}) must be text or a number, not an object {"value":125.5}. Pick the property you mean in the expression, e.g. {{ $json.amount.value }}',
		],
		[
			'an Odoo many2one for the currency',
			{ currency: [1, 'EUR'] },
			{},
			'Currency (for {currency}) must be text or a number, not an array [1,"EUR"]. It is an Odoo many2one pair [id, "name"]: use the name, e.g. {{ $json.currency_id[1] }}',
		],
		['an array for the date', { date: ['2026-11-22'] }, {}, 'Date (for {date}) must be text, a number or a date, not an array ["2026-11-22"]. Pick one element in the expression, e.g. {{ $json.date[0] }}'],
		['an empty custom body', {}, { messageSource: 'custom', body: '  ' }, 'The message body is empty'],
		['a custom body that is not text', { n: 5 }, { messageSource: 'custom', body: '={{ { text: "hi" } }}' }, 'Body must be text, not an object'],
		['a message type expression with a wrong value', {}, { messageType: '={{ "email" }}' }, 'Message Type must be one of "comment", "note", not "email"'],
	];

	test.each(bad)('%s', async (_name, itemOverride, parameterOverride, message) => {
		const { error, node } = await run({ ...seedParameters, ...parameterOverride }, items({ ...payout, ...itemOverride }));

		expect(error?.message).toBe(message);
		expect((error as { context?: IDataObject }).context?.itemIndex).toBe(0);
		expect(node).toEqual([]);
	});

	test('with "Continue" the bad item becomes an error item and the others are still posted', async () => {
		const scope = nock(ODOO).post('/json/2/res.partner/message_post').times(2).reply(200, (_u, b) => [(b as { ids: number[] }).ids[0] * 10]);

		const { node } = await run(seedParameters, items(payout, { ...payout, partner_id: -3 }, { ...payout, partner_id: 8 }), json2, 'continueRegularOutput');

		expect(scope.isDone()).toBe(true);
		expect(node[0].map((i) => [i.json.messageId ?? i.json.error, i.pairedItem])).toEqual([
			[70, { item: 0 }],
			['Record ID must be a positive whole number written with digits only (at most 9007199254740991), not "-3"', { item: 1 }],
			[80, { item: 2 }],
		]);
		expect(node[0][1].error?.context.delivery).toBe('not-sent');
	});

	test('with the error output the bad item goes there, paired with its input', async () => {
		nock(ODOO).post('/json/2/res.partner/message_post').reply(200, [70]);

		const { node } = await run(seedParameters, items(payout, { ...payout, payout_link: 'ftp://x' }), json2, 'continueErrorOutput');

		expect(node[0].map((i) => i.json.messageId)).toEqual([70]);
		expect(node[1].map((i) => [i.json.error, i.pairedItem])).toEqual([['Payout Link must be an http:// or https:// address, not "ftp://x"', { item: 1 }]]);
	});
});
