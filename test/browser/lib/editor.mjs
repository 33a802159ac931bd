// Helpers that drive n8n 2.8.4's editor the way a person does, found by n8n's own `data-test-id`
// attributes (read off the running editor's DOM; n8n 2.x's UI differs from older docs).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, selectors } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// shared/reference/n8n.md: what keeps Debian's Chromium headless, quiet and offline here.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
export const VIEWPORT = { width: 1440, height: 900 };

let testIdSet = false;
export async function launchBrowser() {
	if (!testIdSet) {
		selectors.setTestIdAttribute('data-test-id');
		testIdSet = true;
	}
	return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/**
 * A logged-in browser context (the owner's `n8n-auth` cookie from setupOwner) in the given theme.
 * n8n reads its theme from localStorage `N8N_THEME` ('light' | 'dark'; unset follows the system)
 * before it mounts, and marks it on `<body data-theme>`. Requests that would leave 127.0.0.1
 * (n8n's banners, fonts, telemetry) are answered locally so nothing waits on a network timeout.
 * Pages of one context share its HTTP cache, so the editor's bundle loads once per theme.
 */
export async function editorContext(browser, { url, cookie, theme = 'light' }) {
	const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: theme === 'dark' ? 'dark' : 'light' });
	const [name, value] = cookie.split(/=(.*)/s);
	await context.addCookies([{ name, value, url }]);
	await context.addInitScript((t) => localStorage.setItem('N8N_THEME', t), theme);
	const origin = new URL(url).origin;
	await context.route(
		(u) => u.origin !== origin,
		(route) => route.fulfill({ status: 204, body: '' }),
	);
	return context;
}

/** A new tab in an editor context; `errors` collects the page's uncaught exceptions. */
export async function newEditorPage(context, { viewport = VIEWPORT } = {}) {
	const page = await context.newPage();
	await page.setViewportSize(viewport);
	page.setDefaultTimeout(20_000);
	const errors = [];
	page.on('pageerror', (err) => errors.push(err.message));
	return { page, errors };
}

export async function openWorkflow(page, baseUrl, id) {
	await page.goto(`${baseUrl}/workflow/${id}`);
	await page.getByTestId('canvas-node').first().waitFor();
}

// A node in the panel's lists: n8n marks one with more than one action `node-creator-action-item`.
const NODE_ITEM = '[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]';

/** Types into the node panel's search box (opening the panel with the canvas' "+" if needed). */
export async function searchNodes(page, term) {
	const search = page.getByTestId('node-creator-search-bar');
	if (!(await search.isVisible())) await page.getByTestId('node-creator-plus-button').click();
	await search.fill(term);
	// The list filters as the text changes; wait for results (or "no results"), then let it settle.
	await page.locator(NODE_ITEM).or(page.getByTestId('node-creator-no-results')).first().waitFor();
	await page.waitForTimeout(300);
}

/**
 * The nodes the node panel lists right now: { type, name, icons: [{src, loaded, width, opaque}] }.
 * `type` comes from the list's keyboard-navigation id (`<node type>-<uuid>`); `opaque` is the share
 * of the icon's pixels that are not transparent (an icon that loads but draws nothing shows as blank).
 */
export async function listedNodes(page) {
	return page.locator('[data-test-id="item-iterator-item"]').evaluateAll(async (items) => {
		const opaqueShare = (img) => {
			try {
				const c = document.createElement('canvas');
				c.width = 32;
				c.height = 32;
				const g = c.getContext('2d');
				g.drawImage(img, 0, 0, 32, 32);
				const d = g.getImageData(0, 0, 32, 32).data;
				let n = 0;
				for (let i = 3; i < d.length; i += 4) if (d[i] > 16) n++;
				return n / (32 * 32);
			} catch {
				return -1;
			}
		};
		const out = [];
		for (const item of items) {
			const node = item.querySelector('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]');
			if (!node) continue;
			const navId = item.getAttribute('data-keyboard-nav-id') ?? '';
			const type = navId.replace(/-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, '');
			const name = node.querySelector('[data-test-id="node-creator-item-name"]')?.textContent?.trim() ?? '';
			// The first icon is the one shown; the second belongs to the hidden drag preview.
			const imgs = [...node.querySelectorAll('img')].slice(0, 1);
			await Promise.all(
				imgs.map((img) =>
					img.complete
						? null
						: new Promise((done) => {
								img.addEventListener('load', done, { once: true });
								img.addEventListener('error', done, { once: true });
								setTimeout(done, 3000);
							}),
				),
			);
			const icons = imgs.map((img) => ({ src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0, width: img.naturalWidth, opaque: opaqueShare(img) }));
			const questionMark = !imgs.length && /^\?/.test(node.textContent.trim());
			out.push({ type, name, icons, questionMark });
		}
		return out;
	});
}

/** The search result showing a node of this display name. */
export function nodeItem(page, displayName) {
	return page.locator(NODE_ITEM).filter({ has: page.getByTestId('node-creator-item-name').getByText(displayName, { exact: true }) });
}

/**
 * Clicks a node in the search results: n8n 2.x opens a community node's "Node details" view, which
 * lists the node's actions (one per option of its `operation` parameter) or, for a node without
 * any, an "Add to workflow" button.
 */
export async function openNodeDetails(page, displayName) {
	await nodeItem(page, displayName).click();
	await page.getByRole('button', { name: 'Add to workflow' }).or(actionItems(page).first()).first().waitFor();
	const panel = page.getByTestId('node-creator');
	return {
		description: (await panel.locator('[class*="_description_"]').first().innerText()).trim(),
		title: (await panel.locator('[class*="_title_"] span').first().innerText()).trim(),
	};
}

/** The actions the node details view lists (each can be clicked or dragged onto the canvas). */
export function actionItems(page) {
	return page.getByTestId('node-creator').locator('[data-keyboard-nav-type="action"]');
}

/** The texts of the actions the node details view lists, in order. */
export async function actionNames(page) {
	return (await actionItems(page).allInnerTexts()).map((t) => t.split('\n')[0].trim());
}

/** Clicks an action in the node details view; resolves to the NDV of the node it adds. */
export async function chooseAction(page, action) {
	const names = await actionNames(page);
	const index = names.indexOf(action);
	if (index < 0) throw new Error(`no action "${action}" (the view lists ${names.join(', ')})`);
	await actionItems(page).nth(index).click();
	return openedNdv(page);
}

async function openedNdv(page) {
	const ndv = page.getByTestId('ndv');
	await ndv.waitFor();
	await ndv.getByTestId('node-parameters').waitFor();
	return ndv;
}

/**
 * Drags with the mouse as a person does: press on `from`, move in small steps to `to` (page
 * coordinates), release. Chromium turns these into the HTML drag events n8n's panel and canvas
 * listen to (dragstart, dragover, drop); nothing is dispatched by hand.
 */
export async function dragWithMouse(page, from, to, { steps = 25 } = {}) {
	const box = await from.boundingBox();
	if (!box) throw new Error('the element to drag is not on screen');
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width / 2 + 10, box.y + box.height / 2 + 5, { steps: 3 });
	await page.mouse.move(to.x, to.y, { steps });
	await page.mouse.up();
}

/** Adds the node from its details view: clicks `action` when the view lists actions, else "Add to workflow". Resolves to the NDV. */
export async function addFromDetails(page, action) {
	if (await actionItems(page).count()) return chooseAction(page, action);
	return addToWorkflow(page);
}

/** "Add to workflow" in the node details view; resolves to the node details view (NDV) that opens. */
export async function addToWorkflow(page) {
	await page.getByRole('button', { name: 'Add to workflow' }).click();
	return openedNdv(page);
}

/** Names of the node parameters the panel shows now (Parameters tab), in order. */
export async function visibleParameters(ndv) {
	return ndv
		.getByTestId('node-parameters')
		.locator('[data-test-id^="parameter-input-"]')
		.evaluateAll((els) =>
			els
				.filter((e) => e.offsetParent !== null)
				.map((e) => e.getAttribute('data-test-id').slice('parameter-input-'.length))
				.filter((n) => !['field', 'hint', 'item'].includes(n)),
		);
}

/**
 * What a person sees for each visible parameter: label, the value or placeholder its input shows,
 * the hint under it and whether it has a (?) description tooltip.
 */
export async function parameterFacts(ndv) {
	return ndv
		.getByTestId('node-parameters')
		.locator('[data-test-id^="parameter-input-"]')
		.evaluateAll((els) =>
			els
				.filter((e) => e.offsetParent !== null)
				.map((container) => {
					const name = container.getAttribute('data-test-id').slice('parameter-input-'.length);
					if (['field', 'hint', 'item'].includes(name)) return null;
					const item = container.closest('[data-test-id="parameter-item"]');
					const label = item?.querySelector(`label[for="${CSS.escape(name)}"]`);
					const expression = container.querySelector('[data-test-id="inline-expression-editor-input"]');
					const field = container.querySelector('[data-test-id="parameter-input-field"], [data-test-id="rlc-input"], textarea, input:not([type="hidden"]):not([type="checkbox"])');
					// Hints are the texts under the input, outside the value container.
					const wrapper = container.closest('[data-test-id="parameter-input"]') ?? container.parentElement;
					const hint = [...(wrapper?.querySelectorAll('.n8n-text') ?? [])]
						.filter((t) => !container.contains(t) && !t.closest('label'))
						.map((t) => t.textContent.trim())
						.find(Boolean) ?? '';
					const isSwitch = !!container.querySelector('.el-switch, [role="switch"]');
					return {
						name,
						label: label?.querySelector('[class*="_title_"]')?.textContent?.trim() ?? '',
						value: expression ? expression.textContent.trim() : (field?.value ?? null),
						placeholder: field?.getAttribute('placeholder') ?? null,
						kind: expression ? 'expression' : isSwitch ? 'switch' : field ? (field.tagName === 'TEXTAREA' ? 'textarea' : field.closest('.el-select, .n8n-select, [class*="_modeSelector_"], [data-test-id="rlc-mode-selector"]') ? 'select' : 'input') : 'other',
						hint,
						tooltip: !!label?.querySelector('svg[data-icon="circle-help"]'),
					};
				})
				.filter(Boolean),
		);
}

/**
 * Opens an `options` parameter's dropdown; resolves to its options as shown: { index, name, description }.
 * (An option's text is its name, then its description in a smaller line.)
 */
export async function openOptions(page, ndv, parameter) {
	await ndv.getByTestId(`parameter-input-${parameter}`).click();
	const items = page.locator('.el-select-dropdown__item:visible');
	await items.first().waitFor();
	await page.waitForTimeout(150);
	return items.evaluateAll((els) =>
		els.map((el, index) => {
			const lines = el.innerText.split('\n').map((l) => l.trim()).filter(Boolean);
			return { index, name: lines[0] ?? '', description: lines.slice(1).join(' ') };
		}),
	);
}

/** Picks an option of an `options` parameter by its shown name. */
export async function chooseOption(page, ndv, parameter, optionName) {
	const options = await openOptions(page, ndv, parameter);
	const option = options.find((o) => o.name === optionName);
	if (!option) throw new Error(`${parameter} has no option "${optionName}" (has ${options.map((o) => o.name).join(', ')})`);
	await page.locator('.el-select-dropdown__item:visible').nth(option.index).click();
	await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' }).catch(() => {});
}

/** Types into a plain string parameter (input or textarea). */
export async function fillParameter(ndv, parameter, value) {
	const field = ndv.getByTestId(`parameter-input-${parameter}`).locator('input:not([type="hidden"]), textarea').first();
	await field.fill(value);
	await field.blur();
}

/** Resource locator: switch to "From list", open it, pick the entry whose text contains `text`. */
export async function pickFromList(page, ndv, parameter, text) {
	const rl = ndv.getByTestId(`resource-locator-${parameter}`);
	const mode = rl.getByTestId('rlc-mode-selector');
	if (!/from list/i.test(await mode.locator('input').inputValue().catch(() => ''))) {
		await mode.click();
		await page.locator('.el-select-dropdown__item:visible').filter({ hasText: /^\s*From list\s*$/i }).click();
	}
	await rl.getByTestId('rlc-input').click();
	await page.getByTestId('rlc-item').first().waitFor();
	const items = await page.getByTestId('rlc-item').allInnerTexts();
	await page.getByTestId('rlc-item').filter({ hasText: text }).first().click();
	return items.map((s) => s.trim());
}

/** Picks a credential by name in the NDV (n8n preselects the newest one of the type). */
export async function chooseCredential(page, ndv, name) {
	const select = ndv.getByTestId('node-credentials-select');
	if ((await select.locator('input').inputValue()) === name) return;
	await select.click();
	// Each option shows the name above the credential type: match the name's own element exactly.
	await page.locator('[role=option]:visible, .el-select-dropdown__item:visible').filter({ has: page.getByText(name, { exact: true }) }).first().click();
}

/** "Execute step" in the NDV; resolves to the output panel's text once it shows data (or an error). */
export async function executeStep(page, ndv) {
	await ndv.getByTestId('node-execute-button').click();
	const output = ndv.getByTestId('output-panel');
	await output.locator('table, [data-test-id="node-error-message"], [class*="error"]').first().waitFor({ timeout: 30_000 });
	return (await output.innerText()).trim();
}

/** Closes the toasts n8n shows after an execution, so screenshots show the panel. */
export async function dismissToasts(page) {
	for (const close of await page.locator('.el-notification .el-notification__closeBtn:visible').all()) await close.click().catch(() => {});
	await page.waitForTimeout(300);
}

/** Full-page PNG under test-results/browser/<name>.png; resolves to its path. */
export async function screenshot(target, dir, name, options = {}) {
	mkdirSync(dir, { recursive: true });
	const path = join(dir, `${name}.png`);
	await target.screenshot({ path, ...options });
	return path;
}

/** Opens a saved credential's edit dialog (header and form) as a click on its card in the credentials list does. */
export async function openCredential(page, baseUrl, id) {
	await page.goto(`${baseUrl}/home/credentials/${id}`);
	const dialog = page.getByTestId('editCredential-modal');
	await dialog.getByTestId('credential-edit-dialog').waitFor();
	await dialog.getByTestId('credential-connection-parameter').first().waitFor();
	return dialog;
}

/**
 * Waits for the outcome of the credential test n8n runs when a saved credential opens or is saved:
 * { ok: true, message } for "Connection tested successfully", { ok: false, message, details } when it
 * could not connect (details: the text behind "More details", the test's own message).
 * expect: 'success' | 'failure' waits for that banner only (e.g. after Save, while the earlier
 * result may still show); on timeout the result shows what the dialog showed instead.
 */
export async function credentialTestResult(dialog, { expect, timeout = 30_000 } = {}) {
	const success = dialog.getByTestId('credentials-config-container-test-success');
	const failure = dialog.locator('.el-tag--danger:visible').filter({ hasText: /couldn.t connect/i });
	const wanted = expect === 'success' ? success : expect === 'failure' ? failure : success.or(failure).first();
	await wanted.waitFor({ state: 'visible', timeout }).catch(() => {});
	if (await success.isVisible()) return { ok: true, message: (await success.innerText()).trim() };
	if (!(await failure.isVisible())) return { ok: null, message: 'no test result shown', details: '' };
	const more = failure.getByText('More details');
	if (await more.isVisible().catch(() => false)) await more.click();
	const details = (await failure.locator('[class*="_details_"]').first().innerText().catch(() => '')).trim();
	return { ok: false, message: (await failure.innerText()).split('\n')[0].trim(), details };
}

/** The credential form's fields: { name, type (input type), visible } for each connection parameter. */
export async function credentialFields(dialog) {
	return dialog.getByTestId('credential-connection-parameter').evaluateAll((els) =>
		els.map((el) => {
			const input = el.querySelector('[data-test-id^="parameter-input-"]:not([data-test-id="parameter-input-field"])');
			const field = el.querySelector('input:not([type="hidden"]), textarea');
			return {
				name: input?.getAttribute('data-test-id')?.slice('parameter-input-'.length) ?? null,
				inputType: field ? (field.tagName === 'TEXTAREA' ? 'textarea' : field.getAttribute('type') || 'text') : null,
				placeholder: field?.getAttribute('placeholder') ?? null,
				visible: el.offsetParent !== null,
			};
		}),
	);
}
