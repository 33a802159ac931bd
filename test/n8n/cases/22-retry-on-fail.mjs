// n8n's "Retry On Fail" (3 tries) on Odoo Message Post, in a real n8n: four items, the third for a
// partner that does not exist. n8n runs the node three times; the three good partners must get the
// message once each (the sandbox's request log), the missing one is tried three times, and the
// execution's error lists the delivered items.
import { flattedOf, latestExecutionId, readExecution } from '../../../scripts/lib/n8n-driver.mjs';
import { ensureRuntime } from '../../../scripts/runtime.mjs';
import { lastSeq, requestsSince } from '../lib/single-node.mjs';

export const name = 'retry on fail: 3 tries, 4 items, one missing record -> each good item posted once, the missing one 3 times';

const MISSING = 999;

function workflow(path) {
	return {
		name: `Test retry on fail ${path}`,
		nodes: [
			{ parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} }, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: path },
			{ parameters: { fieldToSplitOut: 'body.items', options: {} }, name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [220, 0] },
			{
				parameters: {
					recordId: { __rl: true, mode: 'id', value: '={{ $json.partner_id }}' },
					messageSource: 'custom',
					body: '={{ "Statement " + $json.reference }}',
					notifyRecordPartner: false,
				},
				name: 'Odoo Message Post',
				type: 'n8n-nodes-payout-notify.odooMessagePost',
				typeVersion: 1,
				position: [440, 0],
				retryOnFail: true,
				maxTries: 3,
				waitBetweenTries: 100,
				credentials: { payoutOdooApi: { id: '', name: 'Odoo sandbox' } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Odoo Message Post', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

export async function run(ctx) {
	const { assert } = ctx;
	const path = `retry-on-fail-${Date.now().toString(36)}`;
	const id = await ctx.importWorkflow(workflow(path));
	await ctx.activate(id);
	const since = await lastSeq(ctx);
	const tag = `ROF${Date.now().toString(36)}`;
	const partners = [7, 8, MISSING, 9];
	await ctx.callWebhook(path, { items: partners.map((partner_id, i) => ({ partner_id, reference: `${tag}-${i}` })) });
	const executionId = await latestExecutionId(ctx.rest, id, { timeoutMs: 60_000 });
	const execution = await readExecution(ctx.rest, executionId, flattedOf(ensureRuntime(ctx.runtime)));

	const posts = (await requestsSince(ctx, 'odoo', since)).filter((r) => r.path.endsWith('/message_post'));
	const perPartner = Object.fromEntries(partners.map((p) => [p, posts.filter((r) => r.body?.ids?.[0] === p).length]));
	const summary = JSON.stringify({ perPartner, statuses: posts.map((r) => [r.body?.ids?.[0], r.status]) });
	assert.deepEqual(perPartner, { 7: 1, 8: 1, 9: 1, [MISSING]: 3 }, `message_post calls per partner: ${summary}`);
	assert.equal(posts.filter((r) => r.status === 200).length, 3, summary);

	const state = await ctx.sandboxState();
	const posted = state.odoo.messages.filter((m) => String(m.body_html ?? '').includes(tag));
	assert.equal(posted.length, 3, `chatter messages of this run: ${posted.length}`);

	assert.equal(execution.status, 'error', `execution ${executionId} is ${execution.status}`);
	const runs = execution.runData['Odoo Message Post'] ?? [];
	assert.equal(runs.length, 1, 'n8n records one run of the node (its tries are not separate runs)');
	const error = runs[0].error ?? execution.error;
	assert.match(error?.message ?? '', /no such record/i, JSON.stringify(error));
	assert.match(error?.description ?? '', /Items delivered before the node stopped: 1, 2 and 4 \(of 4/, error?.description);
	ctx.info?.(`message_post calls per partner ${JSON.stringify(perPartner)}; error: ${error?.message}`);
}
