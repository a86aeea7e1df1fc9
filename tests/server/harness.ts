/**
 * Test harness: three loopback exchanges (Binance USDⓈ-M, Bybit v5, OKX v5 wire formats on 127.0.0.1) and a fresh
 * `LiveSources` whose ccxt instances point at them, with a generous request timeout (tests that provoke a timeout ask for a short one).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { ServerConfig } from '../../src/lib/server/config.ts';
import { UpstreamError } from '../../src/lib/server/upstream-error.ts';
import type { Timeframe } from '../../src/lib/core/types.ts';
import type { ExchangeRateLimit } from '../../src/lib/server/adapters/types.ts';
import type { ExchangeId } from '../../src/lib/server/exchange-client.ts';
import { resetLiveSources, type LiveSources } from '../../src/lib/server/live-sources.ts';
import { binanceRoutes } from './loopback/binance-wire.ts';
import { bybitRoutes } from './loopback/bybit-wire.ts';
import { LoopbackExchange } from './loopback/exchange-server.ts';
import { okxRoutes } from './loopback/okx-wire.ts';

/** Request timeout of the loopback tests: generous, so a loaded test machine never times out by accident. */
export const TEST_TIMEOUT_MS = 30_000;
/** The short timeout of the tests that provoke one. */
export const SHORT_TIMEOUT_MS = 600;

export interface Harness {
	servers: Record<ExchangeId, LoopbackExchange>;
	config(overrides?: Partial<ServerConfig>): ServerConfig;
	/** A fresh process-wide `LiveSources` pointed at the loopback exchanges (empty cache, new ccxt instances). */
	fresh(overrides?: Partial<ServerConfig>, ttlMs?: Partial<Record<Timeframe, number>>, rateLimits?: Partial<Record<ExchangeId, ExchangeRateLimit>>): LiveSources;
	close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
	const servers = {
		binanceusdm: await LoopbackExchange.start(binanceRoutes),
		bybit: await LoopbackExchange.start(bybitRoutes),
		okx: await LoopbackExchange.start(okxRoutes)
	};
	const config = (overrides: Partial<ServerConfig> = {}): ServerConfig => ({
		defaultSource: 'sample',
		upstreamTimeoutMs: TEST_TIMEOUT_MS,
		maxUpstream: 4,
		analysisWorkers: 1,
		analysisQueue: 8,
		exchangeOrigins: { binanceusdm: servers.binanceusdm.origin, bybit: servers.bybit.origin, okx: servers.okx.origin },
		...overrides
	});
	return {
		servers,
		config,
		fresh(overrides, ttlMs, rateLimits) {
			for (const server of Object.values(servers)) server.reset();
			return resetLiveSources(config(overrides), ttlMs, rateLimits);
		},
		async close() {
			await Promise.all(Object.values(servers).map((server) => server.close()));
		}
	};
}

/** The harness of a test file: started before its tests, closed after them (filled in by `beforeAll`: use it inside
 * tests and hooks, not at the file's top level). */
export function useHarness(): Harness {
	const harness = {} as Harness;
	beforeAll(async () => {
		Object.assign(harness, await startHarness());
	});
	afterAll(() => harness.close());
	return harness;
}

/** The `UpstreamError` a promise rejects with (the test fails if it resolves or rejects with anything else). */
export async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(UpstreamError);
	return error as UpstreamError;
}
