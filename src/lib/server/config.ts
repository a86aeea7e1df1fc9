/**
 * Server configuration, read from environment variables once per process (the CLI reads the same ones).
 *
 * - `LIQMAP_DEFAULT_SOURCE`: the source used when a request names none: `sample` (default, needs no network),
 *   an exchange id of the registry (`exchanges.ts`: `binanceusdm`, `bybit`, `okx`) or `all`. An unknown value is
 *   refused at start-up with a message naming it.
 * - `LIQMAP_UPSTREAM_TIMEOUT_MS`: how long one exchange request may take, in ms (default 10000, bounds 200–60000).
 * - `LIQMAP_MAX_UPSTREAM`: how many exchange requests may be in flight at once over the whole process (default 4,
 *   bounds 1–16); further requests wait in a queue.
 * - `LIQMAP_ANALYSIS_WORKERS`: worker threads that run analyses (default: usable cores − 1, at least 1; bounds 1–16).
 * - `LIQMAP_ANALYSIS_QUEUE`: analyses that may wait for a worker (default 4 per worker, bounds 0–256); past it the
 *   API answers 503 with `Retry-After`.
 * - `LIQMAP_EXCHANGE_URL_<ID>` (`_BINANCEUSDM`, `_BYBIT`, `_OKX`: one per registry id): test-only override of an exchange's API origin. Only
 *   loopback origins (`http://127.0.0.1:PORT`, `http://localhost:PORT`) are accepted, so a misconfigured deployment
 *   can never send requests to a host the server was not built to call.
 */
import type { Source } from '../core/analysis/params.ts';
import { defaultPoolSize, QUEUE_PER_WORKER } from './analysis-pool.ts';
import { EXCHANGE_IDS, SOURCE_IDS } from './exchanges.ts';

export interface ServerConfig {
	defaultSource: Source;
	upstreamTimeoutMs: number;
	maxUpstream: number;
	/** Worker threads of the analysis pool. */
	analysisWorkers: number;
	/** Analyses that may wait for a worker before the API answers 503. */
	analysisQueue: number;
	/** Loopback API origin per exchange id, for tests; absent = the exchange's real hosts. */
	exchangeOrigins: Partial<Record<string, string>>;
}

/** A configuration value that cannot be used; the message names the variable and the value. */
export class ConfigError extends Error {
	name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function boundedInteger(env: Env, name: string, min: number, max: number, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max)
		throw new ConfigError(`${name}=${JSON.stringify(raw)}: expected a whole number from ${min} to ${max}`);
	return value;
}

/** Accepts `http://127.0.0.1:PORT` or `http://localhost:PORT` (`ws://…` with `scheme` 'ws'; any path is dropped);
 * anything else is refused. */
export function loopbackOrigin(name: string, raw: string, scheme: 'http' | 'ws' = 'http'): string {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new ConfigError(`${name}=${JSON.stringify(raw)}: not a URL`);
	}
	if (url.protocol !== `${scheme}:` || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
		throw new ConfigError(`${name}=${JSON.stringify(raw)}: only a loopback ${scheme} origin (127.0.0.1) is allowed`);
	return `${scheme}://${url.host}`;
}

export function readServerConfig(env: Env = process.env): ServerConfig {
	const rawSource = env.LIQMAP_DEFAULT_SOURCE;
	let defaultSource: Source = 'sample';
	if (rawSource !== undefined && rawSource !== '') {
		if (!SOURCE_IDS.includes(rawSource))
			throw new ConfigError(`LIQMAP_DEFAULT_SOURCE=${JSON.stringify(rawSource)}: expected one of ${SOURCE_IDS.join(', ')}`);
		defaultSource = rawSource;
	}
	const exchangeOrigins: Partial<Record<string, string>> = {};
	for (const id of EXCHANGE_IDS) {
		const name = `LIQMAP_EXCHANGE_URL_${id.toUpperCase()}`;
		const raw = env[name];
		if (raw) exchangeOrigins[id] = loopbackOrigin(name, raw);
	}
	const analysisWorkers = boundedInteger(env, 'LIQMAP_ANALYSIS_WORKERS', 1, 16, Math.min(16, defaultPoolSize()));
	return {
		defaultSource,
		upstreamTimeoutMs: boundedInteger(env, 'LIQMAP_UPSTREAM_TIMEOUT_MS', 200, 60_000, 10_000),
		maxUpstream: boundedInteger(env, 'LIQMAP_MAX_UPSTREAM', 1, 16, 4),
		analysisWorkers,
		analysisQueue: boundedInteger(env, 'LIQMAP_ANALYSIS_QUEUE', 0, 256, QUEUE_PER_WORKER * analysisWorkers),
		exchangeOrigins
	};
}
