// Loaded into n8n with `NODE_OPTIONS=--require …/profile-hook.cjs` by `npm run bench -- --profile DIR`
// (NODE_OPTIONS may not carry --cpu-prof): the first SIGUSR2 starts V8's CPU profiler, the next
// writes DIR/n8n-<pid>-<n>.cpuprofile (open it in Chrome DevTools > Performance) and stops it.
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.PAYOUT_NOTIFY_PROFILE_DIR;
if (dir) {
	const session = new inspector.Session();
	session.connect();
	let running = false;
	let n = 0;
	process.on('SIGUSR2', () => {
		if (!running) {
			running = true;
			session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start')));
			return;
		}
		running = false;
		session.post('Profiler.stop', (err, result) => {
			if (!err) writeFileSync(join(dir, `n8n-${process.pid}-${++n}.cpuprofile`), JSON.stringify(result.profile));
		});
	});
}
