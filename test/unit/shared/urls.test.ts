import { isHttpUrl } from '../../../nodes/shared/urls';

test('links: http(s) only, no whitespace inside', () => {
	expect(isHttpUrl('https://pay.example.com/status/1')).toBe(true);
	expect(isHttpUrl('https://pay.example.com/a\nb')).toBe(false);
	expect(isHttpUrl('https://pay.example.com/a b')).toBe(false);
	expect(isHttpUrl('mailto:x@example.com')).toBe(false);
});
