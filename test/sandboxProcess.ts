/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/**
 * The sandbox (sandbox/server.mjs) as a child process on a free port: jest's CommonJS world
 * never has to import its ES modules. `stop()` resolves to the exit code.
 */
export async function startSandboxProcess(args: string[] = []) {
	const child = spawn(process.execPath, [join(__dirname, '..', 'sandbox', 'server.mjs'), '--port', '0', ...args], { stdio: 'pipe' });
	let stderr = '';
	child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
	const url = await new Promise<string>((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (c: Buffer) => {
			out += c.toString();
			const m = /^sandbox listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
			if (m) resolve(m[1]);
		});
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${stderr}`)));
	});
	return {
		url,
		reset: async () => (await fetch(`${url}/_sandbox/reset`, { method: 'POST' })).status,
		stop: async (): Promise<number | null> => {
			if (child.exitCode !== null) return child.exitCode;
			const exited = once(child, 'exit');
			child.kill('SIGTERM');
			return (await exited)[0] as number | null;
		},
	};
}
