// This project's side of a real n8n: the owner `npm start` and the tests log in as, the
// credentials that point every node of the package at the API sandbox (sandbox/server.mjs), the
// example workflow pointed at a sandbox, and a small client for the sandbox's /_sandbox API.
// The generic n8n driver is scripts/lib/n8n-driver.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SANDBOX_SECRETS } from '../../sandbox/secrets.mjs';
import { startSandbox } from '../../sandbox/server.mjs';
import { portInUse, ROOT } from './n8n-driver.mjs';

/** Owner account used by `npm start` and the tests (password: 8+ chars, a digit, an uppercase letter). */
export const OWNER = Object.freeze({ email: 'owner@example.com', password: 'Payout-Notify-1', firstName: 'Payout', lastName: 'Owner' });

/** The header the example's webhook wants (a webhook without auth ignores it). */
export const WEBHOOK_AUTH = Object.freeze({ [SANDBOX_SECRETS.webhook.header]: SANDBOX_SECRETS.webhook.token });

export const EXAMPLE_FILE = join(ROOT, 'examples/royalties-payout.workflow.json');

/**
 * The credentials `npm start` and the tests create, pointing at a sandbox base URL
 * (e.g. http://127.0.0.1:5680). Names are stable so re-runs update instead of duplicating.
 * Stripe is called by HTTP Request nodes with n8n's built-in Stripe credential.
 */
export function sandboxCredentials(sandboxUrl) {
	const { odoo, stripe, harasocial, onebox, webhook } = SANDBOX_SECRETS;
	return [
		{
			name: 'Odoo sandbox',
			type: 'payoutOdooApi',
			data: { url: `${sandboxUrl}/odoo`, apiKey: odoo.apiKey, apiType: 'json2', database: odoo.database, login: odoo.login },
		},
		// The same Odoo in its other flavours: what each credential needs, and nothing more.
		{
			name: 'Odoo 17 sandbox (JSON-RPC)',
			type: 'payoutOdooApi',
			data: { url: `${sandboxUrl}/odoo17`, apiKey: odoo.apiKey, apiType: 'auto', database: odoo.database, login: odoo.login },
		},
		{ name: 'Odoo Online sandbox', type: 'payoutOdooApi', data: { url: `${sandboxUrl}/odoo-online`, apiKey: odoo.apiKey, apiType: 'auto' } },
		{
			name: 'Odoo multi-database sandbox',
			type: 'payoutOdooApi',
			data: { url: `${sandboxUrl}/odoo-multi`, apiKey: odoo.apiKey, apiType: 'auto', database: odoo.database },
		},
		{ name: 'Harasocial sandbox', type: 'harasocialApi', data: { accessToken: harasocial.token, baseUrl: `${sandboxUrl}/harasocial` } },
		{
			name: 'Onebox sandbox',
			type: 'oneboxApi',
			data: { host: `${sandboxUrl}/onebox`, email: onebox.email, password: onebox.password, siteId: onebox.siteId },
		},
		{ name: 'Stripe sandbox', type: 'stripeApi', data: { secretKey: stripe.secretKey } },
		// n8n's own Header Auth, the Payout Request webhook's authentication.
		{ name: 'Payout webhook token', type: 'httpHeaderAuth', data: { name: webhook.header, value: webhook.token } },
	];
}

/**
 * Points the example workflow's "Payout Settings" (the Stripe address) at a sandbox; its default is
 * the sandbox on its default port, so this only matters on another port. Odoo is the credential's.
 */
export function pointAtSandbox(workflow, sandboxUrl) {
	const urls = { stripeUrl: `${sandboxUrl}/stripe` };
	const nodes = workflow.nodes.map((node) => {
		const assignments = node.parameters?.assignments?.assignments;
		if (node.name !== 'Payout Settings' || !assignments) return node;
		const patched = assignments.map((a) => (a.name in urls ? { ...a, value: urls[a.name] } : a));
		return { ...node, parameters: { ...node.parameters, assignments: { assignments: patched } } };
	});
	return { ...workflow, nodes };
}

/** examples/royalties-payout.workflow.json pointed at a sandbox, and the path of its webhook. */
export function exampleFor(sandboxUrl) {
	const workflow = pointAtSandbox(JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')), sandboxUrl);
	return { workflow, path: workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path };
}

/**
 * A sandbox on `port` (0: any free port). With `reuse`, a sandbox already listening there (one
 * started by hand) is used and left running by close().
 */
export async function ensureSandbox({ port = 0, reuse = false, log = () => {} } = {}) {
	if (reuse && port && (await portInUse(port))) {
		const url = `http://127.0.0.1:${port}`;
		const res = await fetch(`${url}/_sandbox/secrets`).catch(() => null);
		if (res?.ok) {
			log(`reusing the sandbox already running at ${url} (not started by this script, so not stopped by it)`);
			return { url, close: async () => {} };
		}
		throw new Error(`port ${port} is in use by something that is not the sandbox; set SANDBOX_PORT to another port`);
	}
	return startSandbox({ port });
}

/** The sandbox's control API (/_sandbox): its request log, state, faults and reset. */
export function sandboxClient(url) {
	const call = async (method, path, body) => {
		const res = await fetch(`${url}/_sandbox${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!res.ok) throw new Error(`sandbox ${method} ${path} -> ${res.status}: ${await res.text()}`);
		return res.json();
	};
	return {
		url,
		get: (path) => call('GET', path),
		post: (path, body = {}) => call('POST', path, body),
		state: () => call('GET', '/state'),
		requests: (service) => call('GET', `/requests${service ? `?service=${encodeURIComponent(service)}` : ''}`),
		reset: () => call('POST', '/reset'),
		faults: (rules) => call('POST', '/faults', { rules }),
	};
}
