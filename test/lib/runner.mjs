// What the real-n8n and the browser runners share: case loading, timeouts and output formatting.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

export const seconds = (t) => ((Date.now() - t) / 1000).toFixed(1);
export const info = (m) => console.log(`   ${m}`);
export const indent = (text) =>
	String(text)
		.split('\n')
		.map((l) => `     ${l}`)
		.join('\n');

export function withTimeout(promise, ms, what) {
	let timer;
	return Promise.race([
		promise,
		new Promise((_, reject) => {
			timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000}s`)), ms);
		}),
	]).finally(() => clearTimeout(timer));
}

/**
 * The cases of a folder, in file order: each file exports `name` and `async run(ctx)`, or
 * `cases: [{ name, run }]`. `filters` keep the cases whose name or file contains one of them.
 */
export async function loadCases(dir, filters = []) {
	const cases = [];
	for (const f of readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) {
		const mod = await import(pathToFileURL(join(dir, f)).href);
		const list = Array.isArray(mod.cases) ? mod.cases : [{ name: mod.name, run: mod.run }];
		for (const c of list) {
			if (typeof c.run !== 'function' || !c.name) {
				throw new Error(`${relative(process.cwd(), join(dir, f))} must export name and async run(ctx), or cases: [{name, run}]`);
			}
			if (filters.length && !filters.some((s) => c.name.includes(s) || f.includes(s))) continue;
			cases.push({ ...c, file: f });
		}
	}
	return cases;
}
