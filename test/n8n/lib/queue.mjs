// What the queue-mode cases (test/n8n/queue-cases) share.

/** A sandbox request's kind: service, method and path without its query or ids. */
export function requestKind(r) {
	const path = r.path.split('?')[0].replace(/\/(tr|po|acct)_[A-Za-z0-9]+/g, '/$1_*').replace(/\/\d+(?=\/|$)/g, '/:id');
	return `${r.service} ${r.method} ${path}`;
}

/** How many requests of each kind, as a sorted plain object. */
export function kindCounts(requests) {
	const counts = {};
	for (const r of requests) counts[requestKind(r)] = (counts[requestKind(r)] ?? 0) + 1;
	return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export async function lastSeq(ctx) {
	const all = await ctx.sandboxRequests();
	return all.length ? all[all.length - 1].seq : 0;
}

export async function requestsSince(ctx, since, service) {
	return (await ctx.sandboxRequests(service)).filter((r) => r.seq > since);
}

/** Polls `fn` until it returns something truthy (or `ms` pass: then returns the last value). */
export async function eventually(fn, { ms = 30_000, every = 250 } = {}) {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = await fn();
		if (value || Date.now() > deadline) return value;
		await new Promise((resolve) => setTimeout(resolve, every));
	}
}
