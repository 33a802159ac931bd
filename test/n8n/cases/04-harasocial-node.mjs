// Harasocial Payload Message on its own: the request the sandbox logged is the seed's, the token
// is sent as a bearer token and never shows in the answer.
import { SANDBOX_SECRETS } from '../../../sandbox/secrets.mjs';
import { lastSeq, requestsSince, runThroughWebhook } from '../lib/single-node.mjs';

export const name = 'harasocial: the node sends the seed\'s payload message, checked in the request log';

export async function run(ctx) {
	const { assert } = ctx;
	const since = await lastSeq(ctx);
	const response = await runThroughWebhook(ctx, {
		label: 'harasocial',
		node: {
			type: 'n8n-nodes-payout-notify.harasocialPayloadMessage',
			parameters: { pageId: '={{ $json.body.page }}', recipientId: '={{ $json.body.psid }}', payloadId: '={{ $json.body.payload }}', metadata: '={{ $json.body.metadata }}', options: {} },
			credentials: { harasocialApi: { id: '', name: 'Harasocial sandbox' } },
		},
		body: { page: '500725830264749', psid: '2560816460648749', payload: '__hrf_f_63072efd8d1cc15d16c3848e_s_4d12c525111725943cdbf556bd57687d', metadata: 'Custom string that is delivered as a message echo' },
	});

	assert.equal(response.status, 200, JSON.stringify(response.body));
	const [item] = Array.isArray(response.body) ? response.body : [response.body];
	assert.equal(item.accepted, true);
	assert.equal(item.recipientId, '2560816460648749');
	const requests = await requestsSince(ctx, 'harasocial', since);
	assert.equal(requests.length, 1, 'one request to Harasocial');
	assert.equal(requests[0].path, '/harasocial/social/messages.json');
	assert.equal(requests[0].status, 200);
	assert.deepEqual(requests[0].body, {
		messaging_type: 'harasocial_facebook_payload_id',
		recipient: { id: '2560816460648749' },
		message: { payload_id: '__hrf_f_63072efd8d1cc15d16c3848e_s_4d12c525111725943cdbf556bd57687d' },
		page_id: '500725830264749',
		metadata: 'Custom string that is delivered as a message echo',
	});
	assert.match(String(requests[0].headers.authorization), /^Bearer \*\*\*/);
	assert.ok(!JSON.stringify(response.body).includes(SANDBOX_SECRETS.harasocial.token), 'token in the output');
}
