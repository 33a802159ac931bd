// The three credential forms: their fields, secrets as password inputs, and the connection test n8n
// runs on open and on Save: it succeeds against the sandbox and fails with a clear message for a
// wrong secret (typed into the form of a copy, so the sandbox credentials stay good).
import { upsertCredential } from '../../../scripts/lib/n8n-driver.mjs';
import { sandboxCredentials } from '../../../scripts/lib/sandbox-setup.mjs';
import { credentialFields, credentialTestResult, openCredential, screenshot } from '../lib/editor.mjs';

const FORMS = [
	{
		credential: 'Odoo sandbox',
		title: 'Odoo (Payout Notify) API',
		shot: 'odoo-credential',
		shown: ['url', 'apiKey', 'apiType', 'database'],
		// JSON-2 needs no login: the form hides it.
		hidden: ['login'],
		secrets: ['apiKey'],
		wrong: { field: 'apiKey', label: 'API key', value: 'wrong-odoo-key-0000', message: /API key/i },
		more: [{ credential: 'Odoo 17 sandbox (JSON-RPC)', shown: ['url', 'apiKey', 'apiType', 'database', 'login'] }],
	},
	{
		credential: 'Harasocial sandbox',
		title: 'Harasocial API',
		shot: 'harasocial-credential',
		shown: ['accessToken', 'baseUrl'],
		hidden: [],
		secrets: ['accessToken'],
		// The credential's own words for a refused token (harasocialErrors.ts TOKEN_REFUSED), not n8n's
		// generic "Authorization failed - please check your credentials".
		wrong: { field: 'accessToken', label: 'access token', value: 'wrong-harasocial-token', message: /Harasocial refused the access token/ },
	},
	{
		credential: 'Onebox sandbox',
		title: 'Onebox API',
		shot: 'onebox-credential',
		shown: ['host', 'email', 'password', 'siteId'],
		// The session token is n8n's cache of the login, not something to type.
		hidden: ['sessionToken'],
		secrets: ['password'],
		wrong: { field: 'password', label: 'password', value: 'wrong-onebox-password', message: /refused the login|password/i },
	},
];

async function checkForm(ctx, page, { credential, title, shown, hidden, secrets }, shot) {
	const { assert } = ctx;
	const dialog = await openCredential(page, ctx.n8nUrl, ctx.credential(credential).id);
	assert.match(await dialog.innerText(), new RegExp(title.replace(/[()]/g, '\\$&')), `dialog does not name the type ${title}`);
	const fields = await credentialFields(dialog);
	const visible = fields.filter((f) => f.visible).map((f) => f.name);
	for (const f of shown) assert.ok(visible.includes(f), `${credential}: field ${f} not shown (shows ${visible.join(', ')})`);
	for (const f of hidden) assert.ok(!visible.includes(f), `${credential}: field ${f} shown`);
	for (const s of secrets) assert.equal(fields.find((f) => f.name === s)?.inputType, 'password', `${credential}: ${s} is not a password input`);
	for (const f of fields.filter((x) => x.visible && x.inputType === 'text' && !x.placeholder)) ctx.log(`note: ${credential}: ${f.name} has no placeholder`);
	const result = await credentialTestResult(dialog);
	if (shot) await screenshot(page, ctx.shots, shot);
	assert.equal(result.ok, true, `${credential}: the connection test did not succeed against the sandbox: ${result.message}${result.details ? ` — ${result.details}` : ''}`);
	return dialog;
}

export const cases = FORMS.map((form) => ({
	name: `credential form: ${form.title}: fields shown, secrets hidden, test succeeds on the sandbox and fails clearly for a wrong ${form.wrong.label}`,
	async run(ctx) {
		const { assert } = ctx;
		const page = await ctx.page();
		await checkForm(ctx, page, form, form.shot);
		for (const other of form.more ?? []) await checkForm(ctx, page, { ...form, ...other, hidden: [] });

		// A copy with the sandbox's good data; the wrong secret is typed into its form and saved.
		const good = sandboxCredentials(ctx.sandboxUrl).find((c) => c.name === form.credential);
		const copy = await upsertCredential(ctx.rest, { ...good, name: `${form.credential} (wrong ${form.wrong.label})` });
		const dialog = await openCredential(page, ctx.n8nUrl, copy.id);
		await credentialTestResult(dialog);
		const input = dialog.getByTestId(`parameter-input-${form.wrong.field}`).locator('input');
		await input.fill(form.wrong.value);
		await dialog.getByTestId('credential-save-button').click();
		const result = await credentialTestResult(dialog, { expect: 'failure' });
		await screenshot(page, ctx.shots, `${form.shot}-wrong-${form.wrong.field === 'apiKey' ? 'key' : form.wrong.field}`);
		ctx.log(`wrong ${form.wrong.field}: "${result.message}" — "${result.details}"`);
		assert.equal(result.ok, false, `a wrong ${form.wrong.field} did not fail the test (${result.message})`);
		assert.match(result.details, form.wrong.message, `the failure does not say what is wrong: "${result.details}"`);
		assert.ok(!result.details.includes(form.wrong.value), 'the failure message shows the secret');
	},
}));
