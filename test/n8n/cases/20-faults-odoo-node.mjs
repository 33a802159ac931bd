// Odoo Message Post under faults, in a real n8n: 150 notifications while the sandbox answers 10%
// of the calls 503/429 (Retry-After: 1), drops 2% of the connections (half before Odoo posts,
// half after) and slows 10% by 300 ms. Every item ends either on the success output and posted
// exactly once (the sandbox's state says so), or on the error output with its reason; nothing is
// posted twice, and a failure that may have posted says "may have been sent".
// `npm run bench` runs the same with 1,000 items and prints the counts.
import { flattedOf, latestExecutionId, readExecution } from '../../../scripts/lib/n8n-driver.mjs';
import { faultOutcome, payoutItems } from '../../../scripts/lib/payout-runs.mjs';
import { faultRules, faultWorkflow } from '../../../scripts/lib/payout-workflows.mjs';
import { ensureRuntime } from '../../../scripts/runtime.mjs';

export const name = 'faults: 150 notifications under 503/429, dropped and slow answers: each sent once or on the error output, none twice';

const COUNT = 150;
// A larger share of drops than the benchmark's 2%, so that 150 items surely meet both kinds.
const RULES = faultRules({ status503: 0.05, status429: 0.05, dropBefore: 0.02, dropAfter: 0.02, slow: 0.1, slowMs: 300, retryAfter: 1 });

async function setFaults(ctx, rules) {
	const res = await fetch(`${ctx.sandboxUrl}/_sandbox/faults`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ rules }),
	});
	if (!res.ok) throw new Error(`sandbox faults -> ${res.status}: ${await res.text()}`);
}

export async function run(ctx) {
	const { assert } = ctx;
	const path = `faults-${Date.now().toString(36)}`;
	const id = await ctx.importWorkflow(faultWorkflow({ path }));
	await ctx.activate(id);
	const tag = `FLT${Date.now().toString(36)}`;

	// From the seed: the same calls meet the same faults on every run.
	await ctx.resetSandbox();
	await setFaults(ctx, RULES);
	let runData;
	try {
		const response = await ctx.callWebhook(path, { items: payoutItems(COUNT, tag) });
		assert.equal(response.status, 200, JSON.stringify(response.body));
		const executionId = await latestExecutionId(ctx.rest, id, { timeoutMs: 90_000 });
		({ runData } = await readExecution(ctx.rest, executionId, flattedOf(ensureRuntime(ctx.runtime))));
	} finally {
		await setFaults(ctx, []);
	}

	const state = await ctx.sandboxState();
	const calls = (await ctx.sandboxRequests('odoo')).filter((r) => r.path.endsWith('/message_post'));
	const r = faultOutcome({ runData, nodeName: 'Odoo Message Post', state, tag, count: COUNT });
	const summary = JSON.stringify({ ...r, ambiguousMessages: undefined });

	assert.equal(r.missing, 0, `every item is on one output: ${summary}`);
	assert.equal(r.sent + r.failed, COUNT, summary);
	assert.deepEqual(r.violations, { sentButNotPosted: 0, failedWithoutReason: 0, notSentButPosted: 0, unknownWithoutMayHaveBeenSent: 0, onBothOutputs: 0 }, summary);
	assert.equal(r.sentOnce, r.sent, `every item on the success output was posted exactly once: ${summary}`);
	assert.equal(r.duplicates, 0, `nothing posted twice: ${summary}`);

	// The scenario did what it says: throttling and outages were retried through, connections
	// dropped before and after Odoo posted, and those items are on the error output as "may have
	// been sent" (with the delivery flag n8n keeps in the error's context).
	const dropped = { before: calls.filter((c) => c.dropped === 'before').length, after: calls.filter((c) => c.dropped === 'after').length };
	const retried = calls.filter((c) => c.fault !== undefined && (c.status === 503 || c.status === 429)).length;
	assert.ok(retried > 0 && dropped.before > 0 && dropped.after > 0, `faults injected: ${JSON.stringify({ retried, dropped })}`);
	assert.equal(r.failed, dropped.before + dropped.after, `exactly the dropped calls fail (503/429 are retried through): ${summary}`);
	assert.equal(r.byDelivery.unknown, r.failed, summary);
	assert.equal(r.failedButPosted, dropped.after, `the calls dropped after posting are the failures that did post: ${summary}`);
	for (const message of r.ambiguousMessages) assert.match(message, /may have been sent/);
}
