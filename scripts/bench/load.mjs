// Phase 4 of the benchmark: payout requests sent at once to the example workflow's webhook; every
// payout must be paid, posted, booked and messaged exactly once.
import { performance } from 'node:perf_hooks';

import { loadOutcome } from '../lib/payout-runs.mjs';
import { exampleFor, WEBHOOK_AUTH } from '../lib/sandbox-setup.mjs';
import { fixed } from './format.mjs';

/** `count` distinct payouts at once to `n8nUrl`'s webhook `path`; resolves to loadOutcome() and wallMs. */
export async function loadRun({ count, n8nUrl, sandbox, path }) {
	const tag = `LOAD${Date.now().toString(36)}`;
	const requests = Array.from({ length: count }, (_, i) => ({
		partner_ref: i % 2 ? 'RH-0008' : 'RH-0007',
		reference: `${tag}-${i}`,
		date: '2026-11-22',
		amount: 10 + i,
		currency: 'EUR',
		payout_link: `https://pay.example.com/status/${tag}-${i}`,
		facebook_psid: '2560816460648749',
		onebox_to: 'ada@example.com',
	}));
	const t0 = performance.now();
	const answers = await Promise.all(
		requests.map((body) =>
			fetch(`${n8nUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...WEBHOOK_AUTH }, body: JSON.stringify(body), signal: AbortSignal.timeout(300_000) })
				.then(async (res) => ({ status: res.status, body: await res.json().catch(() => null) }))
				.catch((err) => ({ status: 0, body: { error: err.message } })),
		),
	);
	const wallMs = performance.now() - t0;
	return { wallMs, ...loadOutcome({ requests, answers, state: await sandbox.state() }) };
}

/** Imports and activates the example on the bench's n8n; resolves to its webhook path. */
export async function importExample(env) {
	const { workflow, path } = exampleFor(env.sandbox.url);
	await env.stack.importWorkflow(workflow, { activate: true });
	return path;
}

export async function loadPhase({ env, results, log }) {
	const { sandbox, stack } = env;
	const path = await importExample(env);
	await sandbox.reset();
	await stack.callWebhook(path, {}); // waits until the webhook is registered
	await loadRun({ count: 5, n8nUrl: stack.url, sandbox, path }); // warm-up
	results.load = await loadRun({ count: 200, n8nUrl: stack.url, sandbox, path });
	const r = results.load;
	log(
		`load: ${r.answered}/${r.requests} answered ${JSON.stringify(r.statuses)}, ${r.postsOnce} posted once, ${r.postsTwice} twice, ${r.movesOnce} booked once, ${r.movesTwice} twice, ${fixed(r.wallMs / 1000, 1)} s`,
	);
}
