// What "every field has a sensible default, hint and placeholder" means on screen, checked on the
// facts parameterFacts() reads from a node panel.

/**
 * Checks the visible fields of a panel. Problems (the case fails): a text field that shows nothing
 * (no default value and no placeholder), a placeholder that is not an example ("e.g. …", n8n's UX
 * rule), a field a person types into with neither a description (the label's "?" tooltip) nor a
 * hint under it. Notes (reported, not failing): a dropdown without a description (its options still
 * explain themselves in the list).
 * Resolves to { problems: string[], notes: string[] }.
 */
export function checkFields(where, facts) {
	const problems = [];
	const notes = [];
	for (const f of facts) {
		const label = `${where}: "${f.label || f.name}" (${f.name})`;
		const text = f.kind === 'input' || f.kind === 'textarea';
		if (text && !f.value && !f.placeholder) problems.push(`${label} is an empty box: give it a default or a placeholder ("e.g. …")`);
		if (text && f.placeholder && !/^e\.g\. /.test(f.placeholder)) problems.push(`${label} placeholder "${f.placeholder}" should start with "e.g. "`);
		const explained = f.hint || f.tooltip;
		if (!explained && f.kind === 'select') notes.push(`"${f.label || f.name}" (${f.name}) has no description (add \`description\` to the property)`);
		else if (!explained) problems.push(`${label} has no description and no hint`);
	}
	return { problems, notes };
}

/** Logs the notes and fails with every problem found (after the rest of the case ran). */
export function reportFields(ctx, node, results) {
	const notes = [...new Set(results.flatMap((r) => r.notes))];
	const problems = [...new Set(results.flatMap((r) => r.problems))];
	for (const n of notes) ctx.log(`note: ${node}: ${n}`);
	ctx.assert.deepEqual(problems, [], `${node}: fields a person cannot fill in without guessing`);
}
