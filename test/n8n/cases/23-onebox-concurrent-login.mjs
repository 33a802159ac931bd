// Onebox's token expires at Onebox while n8n still holds it; then 50 executions of a webhook ->
// Onebox Message workflow run at once in one n8n process. Found in n8n 2.8.4 before the fix: 4, 10
// and 10 logins in three rounds (every execution built its own client and raced the others). Now:
// one login per round, and every message sent once.
import { lastSeq, requestsSince } from '../lib/single-node.mjs';
import { ONEBOX_WHATSAPP_NODE } from '../lib/onebox.mjs';

export const name = 'onebox: 50 concurrent executions after the token expired at Onebox -> 1 login per round, 3 rounds';

const CONCURRENT = 50;
const ROUNDS = 3;

async function clock(ctx, body) {
	const res = await fetch(`${ctx.sandboxUrl}/_sandbox/clock`, {
		method: body ? 'POST' : 'GET',
		headers: { 'content-type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	if (!res.ok) throw new Error(`sandbox clock -> ${res.status}: ${await res.text()}`);
	return res.json();
}

function workflow(path) {
	return {
		name: `Test onebox concurrent ${path}`,
		nodes: [
			{ parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} }, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: path },
			ONEBOX_WHATSAPP_NODE,
		],
		connections: { Webhook: { main: [[{ node: 'Onebox Message', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

export async function run(ctx) {
	const { assert } = ctx;
	const path = `onebox-concurrent-${Date.now().toString(36)}`;
	const id = await ctx.importWorkflow(workflow(path));
	await ctx.activate(id);
	const { offsetSeconds } = await clock(ctx);
	const tag = `OBX${Date.now().toString(36)}`;
	const perRound = [];
	try {
		// A valid token in the credential first.
		const warm = await ctx.callWebhook(path, { ref: `${tag}-warm` });
		assert.equal(warm.status, 200, JSON.stringify(warm.body));
		for (let round = 1; round <= ROUNDS; round++) {
			// 16 minutes pass at Onebox: the stored token (15 minutes) is expired there, not in n8n's eyes.
			await clock(ctx, { advanceSeconds: 16 * 60 });
			const since = await lastSeq(ctx);
			const answers = await Promise.all(
				Array.from({ length: CONCURRENT }, (_, i) => ctx.callWebhook(path, { ref: `${tag}-${round}-${i}` })),
			);
			const requests = await requestsSince(ctx, 'onebox', since);
			const logins = requests.filter((r) => r.path === '/onebox/api/authenticate');
			const sends = requests.filter((r) => r.path === '/onebox/api/message' && r.method === 'POST');
			const r = {
				round,
				logins: logins.length,
				answers200: answers.filter((a) => a.status === 200).length,
				sent: sends.filter((s) => s.status === 200).length,
				expired401: sends.filter((s) => s.status === 401).length,
			};
			perRound.push(r);
			assert.equal(r.answers200, CONCURRENT, `round ${round}: ${JSON.stringify(r)} ${JSON.stringify(answers.find((a) => a.status !== 200)?.body)}`);
			assert.equal(r.logins, 1, `round ${round}: one login for ${CONCURRENT} executions: ${JSON.stringify(r)}`);
			assert.equal(r.sent, CONCURRENT, `round ${round}: every message sent once: ${JSON.stringify(r)}`);
		}
		const state = await ctx.sandboxState();
		const bodies = state.onebox.messages.map((m) => JSON.stringify(m)).filter((m) => m.includes(tag));
		assert.equal(bodies.length, 1 + CONCURRENT * ROUNDS, 'each execution created exactly one message');
	} finally {
		await clock(ctx, { offsetSeconds });
		console.log(`   logins per round: ${JSON.stringify(perRound)}`);
	}
}
