// A bug in the example (a Code node that throws, a broken expression in Payout Settings) is still
// answered: n8n itself would answer such a run 200 with an empty body (measured on 2.8.4). The
// example routes those nodes' error outputs to a 500 JSON answer that says whether money may have
// moved, then fails the run so that it is listed and reaches the Error Workflow.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { pointAtSandbox } from '../../../scripts/lib/sandbox-setup.mjs';
import { payoutRequest, traceOf } from '../lib/example.mjs';

export const name = 'example: an unexpected error in a Code node or Payout Settings answers 500 with a JSON body (money moved or not) and fails the run';

const EXAMPLE = new URL('../../../examples/royalties-payout.workflow.json', import.meta.url);
const BEFORE = 'An unexpected error before any money moved: nothing was paid. The run is recorded for the operator.';
const AFTER = 'An unexpected error after the payment steps: whether money moved is in the run, which is recorded for the operator. Sending the same request again repeats nothing that was done.';
const throwing = (n) => ({ ...n, parameters: { ...n.parameters, jsCode: "throw new Error('a bug in this Code node')" } });
const brokenSetting = (n) => ({
	...n,
	parameters: {
		...n.parameters,
		assignments: { assignments: n.parameters.assignments.assignments.map((a) => (a.name === 'journalId' ? { ...a, value: '={{ "journal 1" }}' } : a)) },
	},
});

const BROKEN = [
	{ node: 'Payout Settings', patch: brokenSetting, moneyMoved: false, message: BEFORE, transfers: 0 },
	{ node: '2. Validate Request', patch: throwing, moneyMoved: false, message: BEFORE, transfers: 0 },
	{ node: 'Payout Result', patch: throwing, moneyMoved: null, message: AFTER, transfers: 1 },
	// n8n runs a node without its credential as "continue" and passes its input on (seen on a test
	// webhook call): step 2 must not take that for an unknown partner (it answered 400 before).
	// n8n refuses to publish it, so this is the editor's test webhook ("Execute workflow", /webhook-test/).
	{ node: '1. Find Partner', patch: ({ credentials, ...n }) => n, moneyMoved: false, message: BEFORE, transfers: 0, test: true },
];

export async function run(ctx) {
	const { assert } = ctx;
	for (const { node, patch, moneyMoved, message, transfers, test } of BROKEN) {
		const example = pointAtSandbox(JSON.parse(readFileSync(EXAMPLE, 'utf8')), ctx.sandboxUrl);
		const path = `royalties-payout-broken-${randomUUID().slice(0, 8)}`;
		assert.ok(example.nodes.some((n) => n.name === node), node);
		const nodes = example.nodes.map((n) =>
			n.name === node ? patch(n) : n.type === 'n8n-nodes-base.webhook' ? { ...n, webhookId: randomUUID(), parameters: { ...n.parameters, path } } : n,
		);
		const id = await ctx.importWorkflow({ ...example, name: `broken ${node}`, nodes });
		const request = payoutRequest();
		let response;
		if (test) {
			const workflowData = await ctx.rest.get(`/workflows/${id}`);
			assert.deepEqual(await ctx.rest.post(`/workflows/${id}/run`, { workflowData, triggerToStartFrom: { name: 'Payout Request' } }), { waitingForWebhook: true });
			response = await ctx.callWebhook(path, request, { prefix: 'webhook-test' });
		} else {
			await ctx.activate(id);
			response = await ctx.callWebhook(path, request);
		}
		if (node === 'Payout Settings' && ctx.runtime.startsWith('1.')) {
			// n8n 1.123's Edit Fields node does not fail on a value of the wrong type: it passes an item
			// without the settings on, so step 2 finds no currency the workflow pays in and refuses
			// the request before any money moves. Answered, with nothing paid.
			assert.equal(response.status, 400, `${node}: ${response.status} ${JSON.stringify(response.body)}`);
			assert.deepEqual(response.body, { status: 'rejected', moneyMoved: false, problems: [`currency EUR is not one this workflow pays in ()`] }, node);
			assert.equal((await traceOf(ctx, request.reference)).transfers.length, 0, `${node}: transfers`);
			continue;
		}
		assert.equal(response.status, 500, `${node}: ${response.status} ${JSON.stringify(response.body)}`);
		assert.deepEqual(response.body, { status: 'failed', reference: request.reference, moneyMoved, message }, node);
		assert.equal((await traceOf(ctx, request.reference)).transfers.length, transfers, `${node}: transfers`);
		let run;
		for (let i = 0; i < 40 && !run; i++) {
			run = (await ctx.executions(id)).find((e) => e.status === 'error');
			if (!run) await new Promise((resolve) => setTimeout(resolve, 250));
		}
		assert.ok(run, `${node}: the run is listed as failed`);
		const details = await ctx.rest.get(`/executions/${run.id}`);
		assert.ok(JSON.stringify(details.data).includes(`Payout ${request.reference} (failed): unexpected error: `), `${node}: the reason is in the execution`);
	}
}
