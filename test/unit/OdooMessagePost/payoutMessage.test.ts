import { renderPayoutHtml } from '../../../nodes/OdooMessagePost/payoutMessage';

test('a payout text keeps its line breaks as <br>, never inside the link', () => {
	const html = renderPayoutHtml('Paid {amount}\nSee {payout_link}\n', {
		reference: '',
		date: '',
		amount: '1\n2',
		currency: '',
		payout_link: 'https://pay.example.com/a\nb',
	});
	expect(html).toBe('<p>Paid 1<br>2<br>See <a href="https://pay.example.com/ab">https://pay.example.com/ab</a></p>');
});
