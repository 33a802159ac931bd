// The workflows the benchmark (and the real-n8n fault case) runs: a webhook receives a list of
// payouts, Split Out makes one item per payout, and one node posts a chatter message per item.
// Split Out and Respond to Webhook are native nodes (no Code node, so no task runner in the way).

/**
 * The fault scenario: 10% 503/429 with Retry-After, 2% dropped connections (half before Odoo
 * posts the message, half after: the case that makes retries dangerous) and 10% slow answers.
 * The sandbox draws from a seeded generator, so the same requests meet the same faults.
 */
export const FAULT_SCENARIO = { status503: 0.05, status429: 0.05, dropBefore: 0.01, dropAfter: 0.01, slow: 0.1, slowMs: 300, retryAfter: 1 };
export const FAULT_RULES = faultRules(FAULT_SCENARIO);

/**
 * Sandbox rules with the given share of message_post calls each. The sandbox tries rules in
 * order and draws for each, so a later rule's probability is its share of what earlier rules left.
 */
export function faultRules({ status503, status429, dropBefore, dropAfter, slow, slowMs, retryAfter }) {
	const shares = [
		[{ status: 503, retryAfter }, status503],
		[{ status: 429, retryAfter }, status429],
		[{ drop: 'before' }, dropBefore],
		[{ drop: 'after' }, dropAfter],
		[{ delayMs: slowMs }, slow],
	];
	let left = 1;
	return shares.map(([fault, share]) => {
		const probability = Math.min(1, share / left);
		left -= share;
		return { service: 'odoo', pathIncludes: 'message_post', ...fault, probability: Number(probability.toFixed(6)) };
	});
}

export const ODOO_NODE = 'n8n-nodes-payout-notify.odooMessagePost';
const SANDBOX_DATABASE = 'sandbox';

const webhook = (path, responseMode = 'responseNode') => ({
	parameters: { httpMethod: 'POST', path, responseMode, options: {} },
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: path,
});

const splitOut = {
	parameters: { fieldToSplitOut: 'body.items', options: {} },
	name: 'Split Out',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	position: [220, 0],
};

// The execution id lets the caller read the node's own execution time from n8n's saved run data.
const respond = {
	parameters: {
		respondWith: 'json',
		responseBody: '={{ { count: $input.all().length, executionId: $execution.id } }}',
		options: {},
	},
	name: 'Respond',
	type: 'n8n-nodes-base.respondToWebhook',
	typeVersion: 1.1,
	position: [660, 0],
};

const chain = (...names) => {
	const connections = {};
	for (let i = 0; i < names.length - 1; i++) connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	return connections;
};

/**
 * Odoo Message Post posting the payout notification (success text) on each item's partner,
 * with the node's defaults except the given options. Items: { partner_id, reference, date,
 * amount, currency, payout_link }.
 */
export function odooNodeNode({ name = 'Odoo Message Post', options = {}, onError, credentialName = 'Odoo sandbox' } = {}) {
	return {
		parameters: {
			recordId: { __rl: true, mode: 'id', value: '={{ $json.partner_id }}' },
			messageSource: 'payout',
			outcome: 'success',
			options,
		},
		name,
		type: ODOO_NODE,
		typeVersion: 1,
		position: [440, 0],
		credentials: { payoutOdooApi: { id: '', name: credentialName } },
		...(onError ? { onError } : {}),
	};
}

/** (a) Webhook -> Split Out -> Odoo Message Post -> Respond. */
export function odooNodeWorkflow({ path, options = {} }) {
	const node = odooNodeNode({ options });
	return {
		name: `Bench (a) Odoo Message Post ${path}`,
		nodes: [webhook(path), splitOut, node, respond],
		connections: chain('Webhook', 'Split Out', node.name, 'Respond'),
		settings: { executionOrder: 'v1' },
	};
}

/**
 * (b) The same calls through n8n's HTTP Request node: the same URL, headers, credential and JSON
 * body (the item carries the HTML the node renders, so (b) does less work per item than (a)).
 * Its only throttle is batching: `batchSize` requests are started, then it waits `batchInterval`
 * ms and starts the next ones, without waiting for the previous ones to finish.
 */
export function httpRequestWorkflow({ path, sandboxUrl, batchSize = 4, batchInterval = 1 }) {
	const options = { response: { response: { responseFormat: 'text' } }, timeout: 30000 };
	if (batchSize > 0) options.batching = { batch: { batchSize, batchInterval } };
	const node = {
		parameters: {
			method: 'POST',
			url: `${sandboxUrl}/odoo/json/2/res.partner/message_post`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'payoutOdooApi',
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'User-Agent', value: 'n8n-nodes-payout-notify' },
					{ name: 'X-Odoo-Database', value: SANDBOX_DATABASE },
				],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				'={{ JSON.stringify({ ids: [$json.partner_id], body: $json.body_html, body_is_html: true, message_type: "comment", subtype_xmlid: "mail.mt_comment", partner_ids: [$json.partner_id] }) }}',
			options,
		},
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [440, 0],
		credentials: { payoutOdooApi: { id: '', name: 'Odoo sandbox' } },
	};
	return {
		name: `Bench (b) HTTP Request ${path}`,
		nodes: [webhook(path), splitOut, node, respond],
		connections: chain('Webhook', 'Split Out', node.name, 'Respond'),
		settings: { executionOrder: 'v1' },
	};
}

/** (n) The same workflow with a No Operation node instead: what n8n itself costs for the items. */
export function noOpWorkflow({ path }) {
	const node = { parameters: {}, name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [440, 0] };
	return {
		name: `Bench (n) No Operation ${path}`,
		nodes: [webhook(path), splitOut, node, respond],
		connections: chain('Webhook', 'Split Out', node.name, 'Respond'),
		settings: { executionOrder: 'v1' },
	};
}

/**
 * The fault run: Odoo Message Post with "On Error: Continue (using error output)"; its two
 * outputs end in "Sent" and "Failed". The webhook answers at once; the caller reads the outcome
 * from the saved execution.
 */
export function faultWorkflow({ path, retryAmbiguous = false }) {
	const node = odooNodeNode({ options: retryAmbiguous ? { retryAmbiguous: true } : {}, onError: 'continueErrorOutput' });
	const noOp = (name, y) => ({ parameters: {}, name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [660, y] });
	return {
		name: `Faults ${path}`,
		nodes: [webhook(path, 'onReceived'), splitOut, node, noOp('Sent', -100), noOp('Failed', 100)],
		connections: {
			...chain('Webhook', 'Split Out', node.name),
			[node.name]: {
				main: [[{ node: 'Sent', type: 'main', index: 0 }], [{ node: 'Failed', type: 'main', index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1' },
	};
}
