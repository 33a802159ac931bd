import { combinations } from '../../../nodes/OneboxMessage/channels';
import { OneboxMessage } from '../../../nodes/OneboxMessage/OneboxMessage.node';
import { OPERATIONS } from '../../../nodes/OneboxMessage/operations';

describe('operations (version 2): the actions n8n\'s nodes panel lists and lets people drag', () => {
	test('one operation per channel and method, sorted by name, each with a sentence-case action', () => {
		const pairs = OPERATIONS.map((o) => `${o.channel}/${o.method}`);
		expect([...pairs].sort()).toEqual(combinations().map(({ channel, method }) => `${channel.value}/${method.value}`).sort());
		expect(OPERATIONS.map((o) => o.name)).toEqual([...OPERATIONS.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
		for (const o of OPERATIONS) expect(o.action).toMatch(/^[A-Z][a-z]+ [^.]+[^.]$/);
	});

	test('version 1 keeps Channel + Method; version 2 shows Operation, defaulting to "Send Email" as version 1 defaults to email', () => {
		const { description } = new OneboxMessage();
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
		const byName = (name: string) => description.properties.filter((p) => p.name === name);
		expect(byName('channel').map((p) => [p.default, p.displayOptions])).toEqual([['email', { show: { '@version': [1] } }]]);
		const [operation] = byName('operation');
		expect(operation).toMatchObject({ default: 'sendEmail', noDataExpression: true, displayOptions: { show: { '@version': [2] } } });
		expect((operation.options as Array<{ action: string }>).map((o) => o.action)).toContain('Send a WhatsApp message');
	});
});
