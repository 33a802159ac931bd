// A failure at step 1 (Odoo answers 503 to the partner lookup, every retry too) in a second copy of
// the example, next to the first: the caller gets 503 with a JSON body saying nothing was paid, the
// run is listed as failed, and the Error Workflow (examples/payout-errors.workflow.json, set as the
// copy's settings.errorWorkflow) records it as an internal note on the support partner.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { pointAtSandbox } from '../../../scripts/lib/sandbox-setup.mjs';
import { exampleWorkflow, payoutRequest, traceOf } from '../lib/example.mjs';

export const name = 'example: a step-1 failure answers 503 with a JSON body, fails the run, and the Error Workflow notes it for the operator; a second copy runs next to the first';

const read = (file) => JSON.parse(readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8'));
const SUPPORT_PARTNER = 2;

async function faults(ctx, rules) {
	const res = await fetch(`${ctx.sandboxUrl}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules }) });
	if (!res.ok) throw new Error(`sandbox faults -> ${res.status}: ${await res.text()}`);
}

/** The example as a second copy: another name and webhook path (n8n refuses two active workflows on one path). */
function secondCopy(json, { errorWorkflow, path }) {
	const nodes = json.nodes.map((n) =>
		n.type === 'n8n-nodes-base.webhook' ? { ...n, webhookId: randomUUID(), parameters: { ...n.parameters, path } } : n,
	);
	return { ...json, name: `${json.name} (copy)`, nodes, settings: { ...json.settings, errorWorkflow } };
}

export async function run(ctx) {
	const { assert } = ctx;
	const firstPath = await exampleWorkflow(ctx);
	const errorWorkflowId = await ctx.importWorkflow(read('payout-errors.workflow.json'));
	// n8n 2 runs the published version of an Error Workflow: it is activated like any other. n8n 1.x
	// runs an Error Workflow as saved and refuses to activate one whose only trigger is the Error
	// Trigger ("has no node to start the workflow").
	if (!ctx.runtime.startsWith('1.')) await ctx.activate(errorWorkflowId);
	const example = pointAtSandbox(read('royalties-payout.workflow.json'), ctx.sandboxUrl);
	const path = `${firstPath}-copy`;
	const copy = secondCopy(example, { errorWorkflow: errorWorkflowId, path });
	const copyId = await ctx.importWorkflow(copy);
	await ctx.activate(copyId);

	const request = payoutRequest();
	const started = Date.now();
	await faults(ctx, [{ service: 'odoo', pathIncludes: 'res.partner/search_read', status: 503 }]);
	let response;
	try {
		response = await ctx.callWebhook(path, request);
	} finally {
		await faults(ctx, []);
	}
	const lookups = (await ctx.sandboxRequests('odoo')).filter((r) => String(r.path).includes('res.partner/search_read') && r.fault !== undefined);
	assert.equal(response.status, 503, JSON.stringify(response.body));
	const { reason, ...answer } = response.body;
	assert.deepEqual(answer, {
		status: 'failed',
		reference: request.reference,
		moneyMoved: false,
		message: 'A lookup in Odoo or Stripe failed before any money moved: nothing was paid. Send the same request again later.',
	});
	assert.match(String(reason), /503|unavailable|server error/i, `the reason names Odoo's answer: ${reason}`);
	assert.ok(lookups.length >= 2, `the lookup was retried before giving up (${lookups.length} faulted calls)`);
	const trace = await traceOf(ctx, request.reference);
	assert.deepEqual([trace.transfers.length, trace.moves.length, trace.posts.length], [0, 0, 0], 'nothing paid, booked or sent');

	// The Error Workflow runs after the failed run is saved: wait for its note.
	const subject = `Payout run failed: ${copy.name} #`;
	let note;
	for (let i = 0; i < 60 && !note; i++) {
		note = (await ctx.sandboxState()).odoo.messages.find((m) => m.model === 'res.partner' && String(m.subject ?? '').startsWith(subject));
		if (!note) await new Promise((resolve) => setTimeout(resolve, 250));
	}
	assert.ok(note, `no note "${subject}…" on partner ${SUPPORT_PARTNER}`);
	assert.equal(note.res_id, SUPPORT_PARTNER);
	assert.equal(note.message_type, 'comment');
	assert.equal(note.subtype_xmlid, 'mail.mt_note', 'an internal note, not a message to followers');
	const runs = await ctx.executions(copyId);
	assert.equal(runs[0]?.status, 'error', `the copy's run is listed as failed: ${JSON.stringify(runs[0])}`);
	assert.equal(note.subject, `${subject}${runs[0].id}`);
	const body = String(note.body_html);
	assert.ok(body.includes(`failed at &quot;Report Lookup Failure&quot;`) || body.includes('failed at "Report Lookup Failure"'), body);
	assert.ok(body.includes(`Payout ${request.reference} (failed): a lookup in Odoo or Stripe failed before any money moved, nothing was paid (${reason}).`), body);
	assert.ok(body.includes(`${ctx.n8nUrl}/workflow/${copyId}/executions/${runs[0].id}`), `the note links the run: ${body}`);
	ctx.log?.(`step-1 failure answered 503 in ${Date.now() - started} ms; ${lookups.length} faulted lookups`);

	// The first copy still answers on its own path.
	const ok = await ctx.callWebhook(firstPath, payoutRequest());
	assert.equal(ok.body.status, 'paid', JSON.stringify(ok.body));
}
