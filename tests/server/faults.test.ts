/**
 * Upstream faults, each through ccxt against the loopback exchange: the specific plain-words message naming the
 * exchange, the HTTP status the API would give, the fallback (the last good copy served with its age and the reason),
 * a healthy module afterwards (the next call succeeds), and a clean cache (no entry stored for the failure, nothing
 * in flight, no upstream slot held).
 */
import { describe, expect, it } from 'vitest';
import type { LiveSources } from '../../src/lib/server/live-sources.ts';
import { failure, SHORT_TIMEOUT_MS, TEST_TIMEOUT_MS, useHarness } from './harness.ts';
import type { Fault } from './loopback/exchange-server.ts';

const harness = useHarness();

const KLINE = '/v5/market/kline';
const FAULTS: { fault: Fault; message: string; code: string; status: number }[] = [
	{ fault: 'timeout', message: `Bybit did not answer within ${(SHORT_TIMEOUT_MS / 1000).toFixed(1)} s`, code: 'upstream-timeout', status: 504 },
	{ fault: 'http-503', message: 'Bybit is unavailable (HTTP 503)', code: 'upstream-unavailable', status: 502 },
	{ fault: 'html', message: 'Bybit sent an unreadable answer (HTML error page)', code: 'upstream-bad-answer', status: 502 },
	{ fault: 'restricted-location', message: "Bybit refuses requests from this server's location (HTTP 451)", code: 'upstream-refused', status: 502 },
	{ fault: 'forbidden', message: 'Bybit refused access (HTTP 403: often a blocked region or IP address)', code: 'upstream-refused', status: 502 },
	{ fault: 'rate-limit', message: 'Bybit refused: rate limit, retrying in 1 s', code: 'upstream-rate-limit', status: 502 },
	{ fault: 'malformed-json', message: 'Bybit sent an unreadable answer (malformed JSON)', code: 'upstream-bad-answer', status: 502 },
	{ fault: 'empty', message: 'Bybit sent no candles for BTC/USDT:USDT 1h', code: 'upstream-no-data', status: 502 }
];

/** Nothing stored for the failure, nothing in flight; the request slot is free once the exchange request has ended
 * (one cut at the caller's deadline keeps its slot until ccxt's own timeout, so the bound on connections holds). */
async function expectClean(live: LiveSources, cached: number) {
	await live.limiter.whenIdle();
	expect(live.stats()).toEqual({ cached, inflight: 0, activeUpstream: 0, queuedUpstream: 0 });
}

/** After a rate limit the exchange is paused for Retry-After (1 s here): wait it out before the healthy call. */
const waitForPause = (live: LiveSources) => new Promise((resolve) => setTimeout(resolve, live.client('bybit').pauseLeftMs() + 50));

/** The request timeout of a fault's test: the short one where the fault is a timeout; otherwise the generous one, so a
 * loaded machine never turns a 503 into a timeout. */
const timeoutFor = (fault: Fault) => (fault === 'timeout' ? SHORT_TIMEOUT_MS : TEST_TIMEOUT_MS);

describe.each(FAULTS)('fault: $fault', ({ fault, message, code, status }) => {
	it('ends in the specific message with an empty cache, then the module is healthy', async () => {
		const live = harness.fresh({ upstreamTimeoutMs: timeoutFor(fault) });
		harness.servers.bybit.faults = [{ fault, path: KLINE, retryAfterSec: 1 }];
		const error = await failure(live.market('bybit', '1h', 72));
		expect(error.message).toBe(message);
		expect(error.code).toBe(code);
		expect(error.httpStatus).toBe(status);
		await expectClean(live, 0);
		harness.servers.bybit.faults = [];
		await waitForPause(live);
		const healthy = await live.market('bybit', '1h', 72);
		expect(healthy.fallback).toBeNull();
		expect(healthy.market.candles).toHaveLength(72);
		await expectClean(live, 1);
	});

	it('serves the last good data with its age and the reason, and never stores the failure', async () => {
		const live = harness.fresh({ upstreamTimeoutMs: timeoutFor(fault) }, { '1h': 0 });
		const good = await live.market('bybit', '1h', 72);
		harness.servers.bybit.faults = [{ fault, path: KLINE, retryAfterSec: 1 }];
		const served = await live.market('bybit', '1h', 72);
		expect(served.fallback?.message).toBe(message);
		expect(served.fetchedAt).toBe(good.fetchedAt);
		expect(served.market.candles).toEqual(good.market.candles);
		await expectClean(live, 1);
		harness.servers.bybit.faults = [];
		await waitForPause(live);
		const fresh = await live.market('bybit', '1h', 72);
		expect(fresh.fallback).toBeNull();
		expect(fresh.fetchedAt).toBeGreaterThan(good.fetchedAt);
	});
});

describe('faults elsewhere', () => {
	it('a failed market load is retried on the next call (ccxt would keep the rejected load)', async () => {
		const live = harness.fresh();
		harness.servers.okx.faults = [{ fault: 'http-503', path: '/api/v5/public/instruments', times: 1 }];
		expect((await failure(live.market('okx', '1h', 24))).message).toBe('OKX is unavailable (HTTP 503)');
		const healthy = await live.market('okx', '1h', 24);
		expect(healthy.market.candles).toHaveLength(24);
		expect(harness.servers.okx.count('/api/v5/public/instruments')).toBe(2);
	});

	it('during a rate-limit pause the exchange is not asked again', async () => {
		const live = harness.fresh();
		harness.servers.binanceusdm.faults = [{ fault: 'rate-limit', path: '/fapi/v1/klines', retryAfterSec: 30 }];
		expect((await failure(live.market('binanceusdm', '1h', 24))).message).toBe('Binance refused: rate limit, retrying in 30 s');
		const asked = harness.servers.binanceusdm.count('/fapi/v1/klines');
		const again = await failure(live.market('binanceusdm', '4h', 24));
		expect(again.message).toMatch(/^Binance refused: rate limit, retrying in (29|30) s$/);
		expect(again.retryAfterMs).toBeGreaterThan(28_000);
		expect(harness.servers.binanceusdm.count('/fapi/v1/klines')).toBe(asked);
	});

	it('open interest failing keeps the candles and says why', async () => {
		const live = harness.fresh();
		harness.servers.okx.faults = [{ fault: 'html', path: 'open-interest' }];
		const { market } = await live.market('okx', '1h', 24);
		expect(market.candles).toHaveLength(24);
		expect(market.openInterest).toEqual([]);
		expect(market.openInterestNote).toBe('open interest unavailable: OKX sent an unreadable answer (HTML error page)');
	});
});
