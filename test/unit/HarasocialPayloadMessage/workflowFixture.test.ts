/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
import { jsonOf, loadFixture, runWorkflow } from '../../workflows/harness';
import { credentials, harasocial, NODE, OK, SEED_BODY } from './fixtures';

describe('Harasocial Payload Message', () => {
	test('the workflow fixture runs through the real engine and matches its pinned output', async () => {
		const { seen } = harasocial([200, OK], [200, OK]);

		const { outputs, expected } = await runWorkflow(loadFixture(`${__dirname}/../../workflows/harasocial-payload.workflow.json`), credentials);

		expect(jsonOf(outputs[NODE][0])).toEqual(jsonOf(expected[NODE] as never));
		expect(seen[0].body).toEqual(SEED_BODY);
		expect(seen[1].body).not.toHaveProperty('metadata');
	});
});
