import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { items, KEY, ODOO, payout, run, seedParameters, SUCCESS_HTML } from './fixtures';

const FAILURE_HTML =
	'<p>Our team is reviewing your payment request PAY-2026-0042 (2026-11-22) with amount 125.50 EUR.<br>' +
	'If everything is correct, your payment will be successfully processed within 1 to 5 business days to your configured local payment method.<br>' +
	'If we find any issues, we will contact you immediately.<br>' +
	'Don&#39;t worry, this is part of our standard procedure.<br>Regards,</p>';

/** Records every request a nock scope answers, with its headers. */
function recorder() {
	const seen: Array<{ path: string; body: IDataObject; headers: IDataObject }> = [];
	const record = function (this: { req: { headers: IDataObject } }, path: string, body: IDataObject) {
		seen.push({ path, body, headers: this.req.headers });
	};
	return { seen, record };
}

describe('JSON-2 (Odoo 19+)', () => {
	test('sends the seed\'s request exactly and outputs one message id paired with its item', async () => {
		const { seen, record } = recorder();
		nock(ODOO)
			.post('/json/2/res.partner/message_post')
			.reply(200, function (path, body) {
				record.call(this, path, body as IDataObject);
				return [4242];
			});

		const { node, error } = await run(seedParameters, items(payout));

		expect(error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(seen[0].headers).toMatchObject({
			authorization: `bearer ${KEY}`,
			'content-type': 'application/json',
			'x-odoo-database': 'musiccast',
			'user-agent': 'n8n-nodes-payout-notify',
		});
		expect(seen[0].body).toEqual({
			ids: [7],
			body: SUCCESS_HTML,
			body_is_html: true,
			message_type: 'comment',
			subtype_xmlid: 'mail.mt_comment',
			partner_ids: [7],
			author_id: 2,
			reply_to: '"Music Cast Support" <support@musiccast.example>',
		});
		expect(node[0]).toEqual([
			{ json: { messageId: 4242, model: 'res.partner', recordId: 7, api: 'json2', outcome: 'success' }, pairedItem: { item: 0 } },
		]);
	});

	test('an item from an error output gets the negative text; a success item the positive one', async () => {
		const bodies: IDataObject[] = [];
		nock(ODOO)
			.post('/json/2/res.partner/message_post', (b) => bodies.push(b) > 0)
			.times(2)
			.reply(200, [1]);

		const { node } = await run(seedParameters, [{ json: { ...payout, error: { message: 'Stripe: balance_insufficient' } } }, { json: payout }]);

		expect(bodies.map((b) => b.body).sort()).toEqual([FAILURE_HTML, SUCCESS_HTML].sort());
		expect(node[0].map((i) => i.json.outcome)).toEqual(['failure', 'success']);
	});

	test('values from incoming data are HTML-escaped, the link is kept as a link', async () => {
		let body = '';
		nock(ODOO)
			.post('/json/2/res.partner/message_post', (b) => ((body = b.body), true))
			.reply(200, [5]);

		await run(seedParameters, items({ ...payout, reference: '<script>alert("x")</script>', amount: '1 & 2', payout_link: 'https://p.example/?a=1&b="2"' }));

		expect(body).toContain('request &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; (2026-11-22) with amount 1 &amp; 2 EUR');
		expect(body).toContain('<a href="https://p.example/?a=1&amp;b=&quot;2&quot;">https://p.example/?a=1&amp;b=&quot;2&quot;</a>');
		expect(body).not.toContain('<script>');
	});

	test('internal note on an account.move with extra partners, subject, custom plain-text body', async () => {
		let sent: IDataObject = {};
		nock(ODOO)
			.post('/json/2/account.move/message_post', (b) => ((sent = b), true))
			.reply(200, [77]);

		const { node } = await run(
			{
				model: 'account.move',
				recordId: { __rl: true, mode: 'id', value: '31' },
				messageSource: 'custom',
				body: 'Booked <ok>\nline two',
				subject: 'Journal entry',
				messageType: 'note',
				partnerIds: '12, 15',
				options: { lang: 'fr_FR', parentId: 9, emailFrom: 'bot@musiccast.example' },
			},
			items({}),
		);

		expect(sent).toEqual({
			ids: [31],
			body: '<p>Booked &lt;ok&gt;<br>line two</p>',
			body_is_html: true,
			message_type: 'comment',
			subtype_xmlid: 'mail.mt_note',
			partner_ids: [12, 15],
			subject: 'Journal entry',
			parent_id: 9,
			email_from: 'bot@musiccast.example',
			context: { lang: 'fr_FR' },
		});
		expect(node[0][0].json).toEqual({ messageId: 77, model: 'account.move', recordId: 31, api: 'json2' });
	});

	const withStatement = (json: IDataObject = payout): INodeExecutionData[] => [
		{ json, binary: { statement: { data: Buffer.from('a,b\n1,2').toString('base64'), mimeType: 'text/csv', fileName: 'statement.csv' } } },
	];

	test('binary properties become ir.attachment records linked to the message, once the record is checked', async () => {
		const calls: Array<{ path: string; body: IDataObject }> = [];
		nock(ODOO)
			.post('/json/2/res.partner/read', (b) => calls.push({ path: 'read', body: b }) > 0)
			.reply(200, [{ id: 7 }])
			.post('/json/2/ir.attachment/create', (b) => calls.push({ path: 'create', body: b }) > 0)
			.reply(200, [901])
			.post('/json/2/res.partner/message_post', (b) => calls.push({ path: 'post', body: b }) > 0)
			.reply(200, [11]);

		const { node } = await run({ ...seedParameters, options: { attachments: 'statement' } }, withStatement());

		expect(calls.map((c) => c.path)).toEqual(['read', 'create', 'post']);
		expect(calls[0].body).toEqual({ ids: [7], fields: ['id'] });
		expect(calls[1].body).toEqual({
			vals_list: [{ name: 'statement.csv', datas: Buffer.from('a,b\n1,2').toString('base64'), mimetype: 'text/csv', res_model: 'res.partner', res_id: 7 }],
		});
		expect(calls[2].body.attachment_ids).toEqual([901]);
		expect(node[0][0].json).toMatchObject({ messageId: 11, attachmentIds: [901] });
	});

	test('no attachment is created for a record that does not exist', async () => {
		const paths: string[] = [];
		nock(ODOO)
			.post('/json/2/res.partner/read', () => paths.push('read') > 0)
			.reply(404, { name: 'odoo.exceptions.MissingError', message: 'Record does not exist or has been deleted.' })
			.post('/json/2/ir.attachment/create', () => paths.push('create') > 0)
			.reply(200, [901]);

		const { error } = await run({ ...seedParameters, options: { attachments: 'statement' } }, withStatement());

		expect(paths).toEqual(['read']);
		expect(error?.message).toBe('Odoo has no such record, model or method: MissingError: Record does not exist or has been deleted.');
	});

	test('attachments are removed again when the post fails (nothing posted), so a re-run does not duplicate them', async () => {
		const calls: Array<{ path: string; body: IDataObject }> = [];
		nock(ODOO)
			.post('/json/2/res.partner/read')
			.reply(200, [{ id: 7 }])
			.post('/json/2/ir.attachment/create')
			.reply(200, [901])
			.post('/json/2/res.partner/message_post')
			.reply(422, { name: 'odoo.exceptions.UserError', message: 'Partner 7 is archived' })
			.post('/json/2/ir.attachment/unlink', (b) => calls.push({ path: 'unlink', body: b }) > 0)
			.reply(200, 'true', { 'content-type': 'application/json' });

		const { error } = await run({ ...seedParameters, options: { attachments: 'statement' } }, withStatement());

		expect(error?.message).toBe('Odoo refused the message: UserError: Partner 7 is archived');
		expect(calls).toEqual([{ path: 'unlink', body: { ids: [901] } }]);
		expect(error?.description).toContain('The attachment created for it (901) was removed again.');
	});

	test('attachments stay when the post may have happened (they may belong to a posted message)', async () => {
		const paths: string[] = [];
		nock(ODOO)
			.post('/json/2/res.partner/read')
			.reply(200, [{ id: 7 }])
			.post('/json/2/ir.attachment/create')
			.reply(200, [901])
			.post('/json/2/res.partner/message_post')
			.reply(504, 'Gateway Timeout')
			.post('/json/2/ir.attachment/unlink', () => paths.push('unlink') > 0)
			.reply(200, 'true', { 'content-type': 'application/json' });

		const { error } = await run({ ...seedParameters, options: { attachments: 'statement' } }, withStatement());

		expect(error?.message).toMatch(/HTTP 504.*may have been sent/);
		expect(paths).toEqual([]);
		expect(error?.description).toContain('The attachment created for it (901) was kept: the message may have been posted with it.');
	});
});
