// The API sandbox in its own process for the benchmark, so that neither n8n nor the plain HTTP
// loop shares an event loop with it. It also observes what a client did: requests in flight at
// most and on average, and the time from the first request's arrival to the last answer's end.
// Parent messages: { cmd: 'window-start' } and { cmd: 'window-stop' } (answers the window).
import http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { performance } from 'node:perf_hooks';

let window = null;
let inFlight = 0;

const original = http.createServer;
http.createServer = (...args) => {
	const handler = args.find((a) => typeof a === 'function');
	const rest = args.filter((a) => a !== handler);
	return original(...rest, (req, res) => {
		// Control calls (/_sandbox) are the benchmark's own, not the client's.
		const counted = window !== null && !req.url.startsWith('/_sandbox');
		if (counted) {
			const now = performance.now();
			window.first ??= now;
			window.requests++;
			inFlight++;
			if (inFlight > window.maxInFlight) window.maxInFlight = inFlight;
			let done = false;
			const w = window;
			const end = () => {
				if (done) return;
				done = true;
				inFlight--;
				const at = performance.now();
				w.busy += at - now;
				w.last = at;
			};
			res.once('finish', end);
			res.once('close', end);
		}
		handler(req, res);
	});
};
// sandbox/server.mjs imports { createServer } from 'node:http': make it see the wrapper.
syncBuiltinESMExports();

const { startSandbox } = await import('../../sandbox/server.mjs');
const port = Number(process.argv[2] ?? 0);
const sandbox = await startSandbox({ port, maxLog: 200000 });

process.on('message', (message) => {
	if (message?.cmd === 'window-start') {
		inFlight = 0;
		window = { requests: 0, maxInFlight: 0, busy: 0, first: null, last: null };
		process.send({ reply: 'window-start' });
	} else if (message?.cmd === 'window-stop') {
		const w = window ?? { requests: 0, maxInFlight: 0, busy: 0, first: null, last: null };
		window = null;
		const ms = w.first === null ? 0 : w.last - w.first;
		// Average requests in flight: the time requests were open, over the window.
		process.send({ reply: 'window-stop', window: { requests: w.requests, maxInFlight: w.maxInFlight, avgInFlight: ms ? w.busy / ms : 0, ms } });
	} else if (message?.cmd === 'stop') {
		sandbox.close().then(() => process.exit(0));
	}
});
process.on('disconnect', () => sandbox.close().then(() => process.exit(0)));
process.send({ reply: 'ready', url: sandbox.url });
