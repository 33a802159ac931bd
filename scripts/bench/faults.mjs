// Phase 3 of the benchmark: 1,000 notifications while the sandbox answers 10% 503/429
// (Retry-After: 1), drops 2% of the connections (half before Odoo posts, half after) and slows 10%
// of the answers by 300 ms; once with the defaults and once with "Retry When Outcome Unknown".
import { performance } from 'node:perf_hooks';

import { latestExecutionId, readExecution } from '../lib/n8n-driver.mjs';
import { faultOutcome, payoutItems } from '../lib/payout-runs.mjs';
import { FAULT_RULES, FAULT_SCENARIO, faultWorkflow } from '../lib/payout-workflows.mjs';
import { fixed } from './format.mjs';

async function faultRun({ count, retryAmbiguous, env, workflow, tag }) {
	const { sandbox, stack, api, flatted } = env;
	await sandbox.reset(); // also restarts the fault draws from the sandbox's seed
	await sandbox.faults(FAULT_RULES);
	const items = payoutItems(count, tag);
	const before = Number(await latestExecutionId(api, workflow.id, { timeoutMs: 0 }).catch(() => 0));
	const t0 = performance.now();
	const res = await stack.callWebhook(workflow.path, { items });
	if (res.status !== 200) throw new Error(`fault webhook answered ${res.status}`);
	const executionId = await latestExecutionId(api, workflow.id, { after: before });
	const wallMs = performance.now() - t0;
	const { runData } = await readExecution(api, executionId, flatted);
	await sandbox.faults([]);
	const state = await sandbox.state();
	const calls = (await sandbox.requests('odoo')).requests.filter((r) => r.path.endsWith('/message_post'));
	const faults = { status503: 0, status429: 0, droppedBefore: 0, droppedAfter: 0, slow: 0 };
	for (const r of calls) {
		if (r.dropped === 'before') faults.droppedBefore++;
		else if (r.dropped === 'after') faults.droppedAfter++;
		else if (r.fault !== undefined && r.status === 503) faults.status503++;
		else if (r.fault !== undefined && r.status === 429) faults.status429++;
		else if (r.fault !== undefined) faults.slow++;
	}
	const outcome = faultOutcome({ runData, nodeName: 'Odoo Message Post', state, tag, count });
	return { retryAmbiguous, wallMs, requests: calls.length, faults, ...outcome };
}

export async function faultsPhase({ env, results, log }) {
	results.faultScenario = FAULT_SCENARIO;
	results.faultRules = FAULT_RULES;
	results.faults = [];
	for (const retryAmbiguous of [false, true]) {
		const path = `bench-faults-${retryAmbiguous ? 'retry-unknown' : 'defaults'}`;
		const { id } = await env.stack.importWorkflow(faultWorkflow({ path, retryAmbiguous }), { activate: true });
		const r = await faultRun({ count: 1000, retryAmbiguous, env, workflow: { id, path }, tag: `F${retryAmbiguous ? 'R' : 'D'}` });
		results.faults.push(r);
		log(
			`faults${retryAmbiguous ? ' with "Retry When Outcome Unknown"' : ''}: ${r.sentOnce} sent once, ${r.failed} on the error output ${JSON.stringify(r.byReason)} (${r.failedButPosted} of them posted), ${r.duplicates} duplicates, ${r.missing} missing, ${fixed(r.wallMs / 1000, 1)} s`,
		);
	}
}
