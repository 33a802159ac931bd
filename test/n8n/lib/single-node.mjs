// Webhook -> one node of the package -> Respond to Webhook, for checking a node on its own in a
// real n8n against the sandbox's request log.

/** Resolves to the webhook's answer after importing and activating a one-node workflow. */
export async function runThroughWebhook(ctx, { label, node, body }) {
	const path = `payout-notify-${label}-${Date.now().toString(36)}`;
	const workflow = {
		name: `Test ${label} ${path}`,
		nodes: [
			{ parameters: { httpMethod: 'POST', path, responseMode: 'responseNode', options: {} }, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: path },
			{ typeVersion: 1, position: [220, 0], name: 'Node', ...node },
			{ parameters: { respondWith: 'allIncomingItems', options: {} }, name: 'Respond', type: 'n8n-nodes-base.respondToWebhook', typeVersion: 1.1, position: [440, 0] },
		],
		connections: {
			Webhook: { main: [[{ node: 'Node', type: 'main', index: 0 }]] },
			Node: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
	const id = await ctx.importWorkflow(workflow);
	await ctx.activate(id);
	return ctx.callWebhook(path, body);
}

/** The sandbox requests for one service made after `since` (a sequence number). */
export async function requestsSince(ctx, service, since) {
	return (await ctx.sandboxRequests(service)).filter((r) => r.seq > since);
}

export async function lastSeq(ctx) {
	const all = await ctx.sandboxRequests();
	return all.length ? all[all.length - 1].seq : 0;
}
