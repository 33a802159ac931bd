// The API sandbox in its own process for the benchmark (sandbox-child.mjs), so that neither n8n
// nor the plain HTTP loop shares an event loop with it; besides its control API it measures a
// window: the requests in flight a client kept open.
import { fork } from 'node:child_process';

import { freePort } from '../lib/n8n-driver.mjs';
import { sandboxClient } from '../lib/sandbox-setup.mjs';

/** Resolves to sandboxClient()'s methods plus { pid, windowStart(), windowStop(), stop() }. */
export async function startSandboxProcess() {
	const child = fork(new URL('./sandbox-child.mjs', import.meta.url).pathname, [String(await freePort())], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const waiting = new Map();
	child.on('message', (m) => {
		const resolve = waiting.get(m.reply);
		waiting.delete(m.reply);
		resolve?.(m);
	});
	const ask = (cmd) =>
		new Promise((resolve) => {
			waiting.set(cmd, resolve);
			if (cmd !== 'ready') child.send({ cmd });
		});
	const { url } = await ask('ready');
	return {
		...sandboxClient(url),
		pid: child.pid,
		windowStart: () => ask('window-start'),
		windowStop: async () => (await ask('window-stop')).window,
		stop: () =>
			new Promise((resolve) => {
				child.once('exit', resolve);
				child.send({ cmd: 'stop' });
			}),
	};
}
