// n8n in queue mode, for startStack's `queue` option (scripts/lib/stack.mjs): a main instance,
// workers and a webhook processor sharing a PostgreSQL database and a Redis queue, each with its
// own user folder holding this package (installed the Community Nodes way), its own ports and
// task-broker port, all on 127.0.0.1, one encryption key.
//
// PostgreSQL (127.0.0.1:5432, user postgres, trust) and Redis (127.0.0.1:6379) must be running;
// checkQueueServices() says how to get them. Every stack gets a fresh database and its own Redis key
// prefix, so two stacks (or two test runs) never see each other's data or jobs; stop() drops both
// unless asked to keep them. Facts behind each setting: shared/reference/n8n.md "Queue mode".
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { ensureRuntime } from '../runtime.mjs';
import { freePort, installPackage, startN8n } from './n8n-driver.mjs';

export const QUEUE_SERVICES = Object.freeze({
	postgres: { host: process.env.PAYOUT_NOTIFY_PG_HOST || '127.0.0.1', port: Number(process.env.PAYOUT_NOTIFY_PG_PORT || 5432), user: 'postgres' },
	redis: { host: process.env.PAYOUT_NOTIFY_REDIS_HOST || '127.0.0.1', port: Number(process.env.PAYOUT_NOTIFY_REDIS_PORT || 6379) },
});

const HOW_TO_GET_THEM = [
	'Queue mode needs PostgreSQL (user postgres, trust authentication on 127.0.0.1) and Redis:',
	'  Debian/Ubuntu: sudo apt-get install postgresql redis-server, then in pg_hba.conf set',
	'    "host all postgres 127.0.0.1/32 trust" and restart PostgreSQL;',
	'  Docker Compose: docker compose -f scripts/queue.compose.yaml up -d',
	'  (other hosts/ports: PAYOUT_NOTIFY_PG_HOST/PORT, PAYOUT_NOTIFY_REDIS_HOST/PORT).',
].join('\n');

// n8n ships the PostgreSQL and Redis clients it uses itself: the stack talks to both with those,
// so the project needs no dependency for it.
function clients(runtime) {
	const require = createRequire(join(runtime.home, 'node_modules', 'n8n', 'package.json'));
	return { pg: require('pg'), Redis: require('ioredis') };
}

async function withPostgres(runtime, fn) {
	const { pg } = clients(runtime);
	const client = new pg.Client({ ...QUEUE_SERVICES.postgres, database: 'postgres', connectionTimeoutMillis: 3000 });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

async function withRedis(runtime, fn) {
	const { Redis } = clients(runtime);
	const redis = new Redis({ ...QUEUE_SERVICES.redis, lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
	await redis.connect();
	try {
		return await fn(redis);
	} finally {
		redis.disconnect();
	}
}

/** Throws, saying how to get them, when PostgreSQL or Redis does not answer. */
export async function checkQueueServices(runtime) {
	const rt = typeof runtime === 'string' ? ensureRuntime(runtime) : runtime;
	const problems = [];
	const { postgres, redis } = QUEUE_SERVICES;
	await withPostgres(rt, (c) => c.query('select 1')).catch((e) => problems.push(`PostgreSQL at ${postgres.host}:${postgres.port} (user postgres): ${e.message}`));
	await withRedis(rt, async (r) => {
		if ((await r.ping()) !== 'PONG') throw new Error('no PONG');
	}).catch((e) => problems.push(`Redis at ${redis.host}:${redis.port}: ${e.message}`));
	if (problems.length) throw new Error(`${problems.join('\n')}\n${HOW_TO_GET_THEM}`);
}

/** Removes every Redis key of a stack (its jobs, locks, events, cache). */
async function dropQueue(rt, prefix) {
	await withRedis(rt, async (r) => {
		let cursor = '0';
		do {
			const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
			if (keys.length) await r.del(...keys);
			cursor = next;
		} while (cursor !== '0');
	});
}

/**
 * The env every instance of one stack shares. `tuning` adds or overrides (e.g. shorter
 * QUEUE_WORKER_LOCK_DURATION / QUEUE_WORKER_STALLED_INTERVAL for a crash test).
 */
export function queueEnv({ database, prefix, encryptionKey, tuning = {} }) {
	const { postgres, redis } = QUEUE_SERVICES;
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_PREFIX: prefix,
		// n8n also keeps a cache in Redis (webhooks by path, among others) under "n8n:": another
		// stack's cached webhook makes activating the same path fail with "a conflict with one of
		// the webhooks". One prefix per stack keeps the cache and the pub/sub channels apart too.
		N8N_REDIS_KEY_PREFIX: prefix,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		N8N_ENCRYPTION_KEY: encryptionKey,
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// As in n8n's Docker image: an error answer carries no stack trace (n8n adds one otherwise).
		NODE_ENV: 'production',
		// Workers serve /healthz on their own port; the default (5678) is main's.
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		...tuning,
	};
}

/**
 * Starts a queue-mode stack: a fresh database and Redis key prefix, main (and waits for it: on a fresh
 * database every instance runs migrations and they race), then the workers and webhook processors
 * at the same time. Each instance lives in `<folder>/<role>` with the package from `tarball`,
 * except the roles named in `withoutPackage` (e.g. ['worker-2'], to show what that does).
 *
 * Resolves to { main, workers, webhooks, url (main), webhookUrl, database, prefix, env, folders,
 * startInstance(role), stop({ keepData }) }; each instance is startN8n's handle plus { role, folder,
 * kill() }. startInstance restarts a stopped role in place, or starts a new one ('worker-3') with
 * an empty folder: install the package there first if it should have it.
 */
export async function startQueueStack({
	runtime,
	tarball,
	folder,
	workers = 2,
	webhooks = 1,
	concurrency = 10,
	mainPort,
	tuning = {},
	withoutPackage = [],
	log = () => {},
}) {
	const rt = typeof runtime === 'string' ? ensureRuntime(runtime) : runtime;
	await checkQueueServices(rt);
	const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
	const database = `payout_notify_q_${id}`;
	const prefix = `payout-notify-${id}`;
	await withPostgres(rt, (c) => c.query(`CREATE DATABASE "${database}"`));
	const env = queueEnv({ database, prefix, encryptionKey: randomBytes(24).toString('base64'), tuning });

	const roles = ['main', ...Array.from({ length: workers }, (_, i) => `worker-${i + 1}`), ...Array.from({ length: webhooks }, (_, i) => `webhook-${i + 1}`)];
	const folders = Object.fromEntries(roles.map((role) => [role, join(folder, role)]));
	const instances = new Map();
	const ports = mainPort ? { main: { port: mainPort, brokerPort: await freePort() } } : {};
	const stack = { database, prefix, env, folders, main: null, workers: [], webhooks: [] };

	const startInstance = async (role) => {
		// A role added later (e.g. a worker started without the package) gets its own folder too.
		folders[role] ??= join(folder, role);
		mkdirSync(folders[role], { recursive: true });
		ports[role] ??= { port: await freePort(), brokerPort: await freePort() };
		const { port, brokerPort } = ports[role];
		const kind = role.split('-')[0];
		const command = kind === 'worker' ? ['worker', `--concurrency=${concurrency}`] : kind === 'webhook' ? ['webhook'] : ['start'];
		const instance = await startN8n({
			runtime: rt,
			userFolder: folders[role],
			port,
			brokerPort,
			command,
			// Workers and webhook processors have no /rest API.
			readyPaths: kind === 'main' ? undefined : ['/healthz/readiness'],
			env: { ...env, ...(kind === 'worker' ? { QUEUE_HEALTH_CHECK_PORT: String(port) } : {}) },
		});
		const handle = {
			...instance,
			role,
			folder: folders[role],
			/** SIGKILL to the instance's process group (n8n and its task runner): a crash, no shutdown. */
			kill: () => {
				try {
					process.kill(-instance.pid, 'SIGKILL');
				} catch {
					/* already gone */
				}
				return instance.exited;
			},
		};
		instances.set(role, handle);
		const list = kind === 'worker' ? stack.workers : kind === 'webhook' ? stack.webhooks : null;
		if (list) {
			const at = list.findIndex((h) => h.role === role);
			if (at >= 0) list[at] = handle;
			else list.push(handle);
			list.sort((x, y) => x.role.localeCompare(y.role, 'en', { numeric: true }));
		} else stack.main = handle;
		log(`${role} ready at ${instance.url} (pid ${instance.pid}, broker ${brokerPort})`);
		return handle;
	};

	const stop = async ({ keepData = false } = {}) => {
		await Promise.all([...instances.values()].map((i) => i.stop()));
		if (keepData) return;
		await withPostgres(rt, (c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).catch((e) => log(`could not drop ${database}: ${e.message}`));
		await dropQueue(rt, prefix).catch((e) => log(`could not remove the Redis keys ${prefix}:*: ${e.message}`));
	};
	Object.assign(stack, { startInstance, stop });

	try {
		await Promise.all(
			roles.map((role) => {
				mkdirSync(folders[role], { recursive: true });
				return withoutPackage.includes(role) ? null : installPackage({ userFolder: folders[role], tarball });
			}),
		);
		await startInstance('main');
		await Promise.all(roles.slice(1).map(startInstance));
	} catch (err) {
		await stop();
		throw err;
	}
	stack.url = stack.main.url;
	stack.webhookUrl = stack.webhooks[0]?.url ?? stack.main.url;
	return stack;
}

/** Execution ids a worker's log says it started ("Worker started execution 12 (job 3)"). */
export function executionsStartedIn(logText) {
	return [...logText.matchAll(/Worker started execution (\d+) \(job/g)].map((m) => m[1]);
}
