// Onebox's token lives in the credential, in the database every worker reads. After the token is
// cleared, 50 executions spread over 2 workers: each worker process logs in at most once (its
// executions share one login; the workers do not coordinate, hence up to one per worker). With
// the token the first login saved, the next 50 executions log in 0 times.
import { sandboxCredentials } from '../../../scripts/lib/sandbox-setup.mjs';
import { kindCounts, lastSeq, requestsSince } from '../lib/queue.mjs';
import { ONEBOX_WHATSAPP_NODE } from '../lib/onebox.mjs';

export const name = 'queue: Onebox after the token was cleared -> at most one login per worker; with a valid token -> none';

const COUNT = 50;

function workflow(path) {
	return {
		name: `Test queue onebox ${path}`,
		nodes: [
			{ parameters: { httpMethod: 'POST', path, responseMode: 'responseNode', options: {} }, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: path },
			ONEBOX_WHATSAPP_NODE,
			{ parameters: { respondWith: 'allIncomingItems', options: {} }, name: 'Respond', type: 'n8n-nodes-base.respondToWebhook', typeVersion: 1.1, position: [440, 0] },
		],
		// A Respond to Webhook node, as the example has: with "When Last Node Finishes", n8n 2.8.4's
		// webhook processor left some of 50 concurrent calls unanswered although their executions
		// had finished on the workers.
		connections: {
			Webhook: { main: [[{ node: 'Onebox Message', type: 'main', index: 0 }]] },
			'Onebox Message': { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

export async function run(ctx) {
	const { assert } = ctx;
	const path = `queue-onebox-${Date.now().toString(36)}`;
	const id = await ctx.importWorkflow(workflow(path));
	await ctx.activate(id);
	const onebox = ctx.credentials.find((c) => c.type === 'oneboxApi');
	const tag = `OBQ${Date.now().toString(36)}`;
	const rounds = [];
	for (const [round, clear] of [[1, true], [2, false]]) {
		// Saving the credential's fields again (as an operator editing it would) drops the stored token.
		if (clear) {
			const data = sandboxCredentials(ctx.sandboxUrl).find((c) => c.type === 'oneboxApi').data;
			await ctx.rest.patch(`/credentials/${onebox.id}`, { name: onebox.name, type: onebox.type, data });
		}
		const since = await lastSeq(ctx);
		const marks = ctx.logMarks();
		const answers = await Promise.all(Array.from({ length: COUNT }, (_, i) => ctx.callWebhook(path, { ref: `${tag}-${round}-${i}` }, { waitMs: round === 1 ? 15_000 : 0 })));
		const requests = await requestsSince(ctx, since, 'onebox');
		const started = ctx.startedSince(marks);
		const r = {
			round,
			cleared: clear,
			answers200: answers.filter((a) => a.status === 200).length,
			kinds: kindCounts(requests),
			sent: requests.filter((q) => q.path === '/onebox/api/message' && q.status === 200).length,
			logins: requests.filter((q) => q.path === '/onebox/api/authenticate').length,
			workersUsed: ctx.stack.workers.filter((w) => started[w.role].length > 0).length,
		};
		rounds.push(r);
		assert.equal(r.answers200, COUNT, `${JSON.stringify(r)} ${JSON.stringify(answers.find((a) => a.status !== 200)?.body)}`);
		assert.equal(r.sent, COUNT, `every message sent once: ${JSON.stringify(r)}`);
		assert.equal(requests.filter((q) => q.path === '/onebox/api/message').length, COUNT, `no message sent twice: ${JSON.stringify(r)}`);
		if (clear) {
			assert.ok(r.logins >= 1 && r.logins <= r.workersUsed, `cleared token: between 1 and ${r.workersUsed} (one per worker that ran) logins: ${JSON.stringify(r)}`);
		} else {
			assert.equal(r.logins, 0, `valid token: no login: ${JSON.stringify(r)}`);
		}
	}
	const state = await ctx.sandboxState();
	assert.equal(state.onebox.messages.filter((m) => JSON.stringify(m).includes(tag)).length, COUNT * 2, 'each execution created exactly one message');
	console.log(`   ${JSON.stringify(rounds.map(({ kinds, ...r }) => r))}`);
}
