import { jsonOf, runWorkflow } from '../../workflows/harness';
import { credentials, expectNoToken, harasocial, NODE, OK, SEED, SEED_BODY, TOKEN, workflow } from './fixtures';

const NOTE =
	'Accepted for processing by Harasocial; this is not a delivery receipt (Facebook delivers only inside its 24-hour messaging window).';

describe('Harasocial Payload Message', () => {
	test('sends the documented request for the seed example and outputs the acceptance', async () => {
		const { scope, seen } = harasocial([200, OK]);

		const result = await runWorkflow(workflow([SEED]), credentials);

		expect(scope.isDone()).toBe(true);
		expect(seen).toHaveLength(1);
		expect(seen[0].body).toEqual(SEED_BODY);
		expect(Object.keys(seen[0].body as object)).toEqual(['messaging_type', 'recipient', 'message', 'page_id', 'metadata']);
		expect(seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(seen[0].headers['content-type']).toBe('application/json');
		expect(seen[0].headers.accept).toBe('application/json');
		expect(result.run.data.resultData.error).toBeUndefined();
		expect(jsonOf(result.outputs[NODE][0])).toEqual([
			{
				accepted: true,
				pageId: SEED.page_id,
				recipientId: SEED.psid,
				payloadId: SEED.payload_id,
				metadata: SEED.metadata,
				messagingType: 'harasocial_facebook_payload_id',
				note: NOTE,
			},
		]);
		expect(result.outputs[NODE][0][0].pairedItem).toEqual({ item: 0 });
		expectNoToken(result);
	});

	test('leaves metadata out of the request and the output when it is empty, and turns numeric ids into strings', async () => {
		const { seen } = harasocial([200, OK]);

		const result = await runWorkflow(
			workflow([{ page_id: 500725830264749, psid: 2560816460648749, payload_id: ` ${SEED.payload_id} `, metadata: '' }]),
			credentials,
		);

		expect(seen.map((s) => s.body)).toEqual([
			{ messaging_type: 'harasocial_facebook_payload_id', recipient: { id: SEED.psid }, message: { payload_id: SEED.payload_id }, page_id: SEED.page_id },
		]);
		const [item] = jsonOf(result.outputs[NODE][0]);
		expect(item).not.toHaveProperty('metadata');
		expect(item).toMatchObject({ accepted: true, pageId: SEED.page_id, recipientId: SEED.psid, payloadId: SEED.payload_id });
	});
});
