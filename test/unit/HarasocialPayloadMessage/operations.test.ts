import { HarasocialPayloadMessage } from '../../../nodes/HarasocialPayloadMessage/HarasocialPayloadMessage.node';
import { runWorkflow } from '../../workflows/harness';
import { credentials, harasocial, OK, SEED, SEED_BODY, workflow } from './fixtures';

describe('Operation: the action n8n\'s nodes panel lets people drag', () => {
	test('one operation, "Send a payload message", the default; a node dropped with it set sends what a saved node without it sends', async () => {
		const operation = new HarasocialPayloadMessage().description.properties.find((p) => p.name === 'operation');
		expect(operation).toMatchObject({ type: 'options', default: 'sendPayload', noDataExpression: true });
		expect(operation!.options).toEqual([expect.objectContaining({ name: 'Send Payload Message', value: 'sendPayload', action: 'Send a payload message' })]);

		const { scope, seen } = harasocial([200, OK], [200, OK]);
		const saved = workflow([SEED]);
		const dropped = workflow([SEED]);
		dropped.nodes[1].parameters = { operation: 'sendPayload', ...dropped.nodes[1].parameters };
		expect((await runWorkflow(saved, credentials)).run.data.resultData.error).toBeUndefined();
		expect((await runWorkflow(dropped, credentials)).run.data.resultData.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(seen.map((s) => s.body)).toEqual([SEED_BODY, SEED_BODY]);
	});
});
