/**
 * Request coalescing and the bound on concurrent upstream requests, counted on the loopback exchanges.
 */
import { describe, expect, it } from 'vitest';
import { GET as candlesGet } from '../../src/routes/api/candles/+server.ts';
import { useHarness } from './harness.ts';

const harness = useHarness();

describe('coalescing', () => {
	it('20 concurrent identical requests cause one upstream fetch', async () => {
		const live = harness.fresh();
		harness.servers.okx.delayMs = 20;
		const results = await Promise.all(Array.from({ length: 20 }, () => live.market('okx', '1h', 168)));
		expect(new Set(results.map((r) => r.market)).size).toBe(1);
		expect(harness.servers.okx.count('/api/v5/public/instruments')).toBe(1);
		expect(harness.servers.okx.count('/api/v5/market/')).toBe(2); // 168 candles (7 days) and the forming one = two pages of 100, once
		expect(live.stats()).toEqual({ cached: 1, inflight: 0, activeUpstream: 0, queuedUpstream: 0 });
	});

	it('20 concurrent API requests for the same view cause one upstream fetch', async () => {
		harness.fresh();
		const url = 'http://localhost/api/candles?source=bybit&timeframe=15m&limit=300';
		const event = () => ({ url: new URL(url) }) as Parameters<typeof candlesGet>[0];
		const responses = await Promise.all(Array.from({ length: 20 }, () => candlesGet(event())));
		expect(responses.every((r) => r.status === 200)).toBe(true);
		expect(harness.servers.bybit.count('/v5/market/kline')).toBe(1);
	});

	it('a fresh cache entry is served without asking the exchange', async () => {
		const live = harness.fresh();
		await live.market('binanceusdm', '4h', 40);
		const asked = harness.servers.binanceusdm.requests.length;
		await live.market('binanceusdm', '4h', 40);
		expect(harness.servers.binanceusdm.requests.length).toBe(asked);
	});
});

describe('hostile variations coalesce', () => {
	it('200 requests with limit=101..300 make 2 candle fetches (168 and 336 one-hour candles), each answer its own length', async () => {
		harness.fresh();
		const bybit = harness.servers.bybit;
		const event = (limit: number) => ({ url: new URL(`http://localhost/api/candles?source=bybit&timeframe=1h&limit=${limit}`) }) as Parameters<typeof candlesGet>[0];
		const limits = Array.from({ length: 200 }, (_, i) => 101 + i);
		const responses = await Promise.all(limits.map((limit) => candlesGet(event(limit))));
		const bodies = await Promise.all(responses.map((r) => r.json()));
		expect(responses.every((r) => r.status === 200)).toBe(true);
		expect(bodies.map((b) => b.candles.length)).toEqual(limits);
		// 7 and 14 days of 1h candles (168, 336), each one kline page (Bybit pages hold 1,000).
		expect(bybit.count('/v5/market/kline')).toBe(2);
		// Open interest: 1 page of 200 hours for 168 candles, 2 for 336; markets: trading + pre-launch instruments.
		expect(bybit.count('/v5/market/open-interest')).toBe(3);
		expect(bybit.count('/v5/market/instruments-info')).toBe(2);
		expect(bybit.requests).toHaveLength(7);
	});

	it('a shorter request served from a longer fetch is the direct answer: last candles, open interest over them', async () => {
		const live = harness.fresh();
		const long = await live.market('okx', '1h', 300);
		const short = await live.market('okx', '1h', 200);
		// Both are served from one fetch of 336 candles (14 days): 4 pages of 100 (with the forming candle), once.
		expect(harness.servers.okx.count('/api/v5/market/')).toBe(4);
		expect(short.market.candles).toEqual(long.market.candles.slice(-200));
		expect(short.market.openInterest.length).toBeGreaterThan(0);
		expect(short.market.openInterest.every((p) => p.time >= short.market.candles[0].time)).toBe(true);
		expect(short.market.forming).toEqual(long.market.forming);
		expect(short.market.openInterestNote).toBeNull();
	});
});

describe('bound on concurrent upstream requests', () => {
	it('never has more than LIQMAP_MAX_UPSTREAM exchange requests in flight, over all exchanges', async () => {
		const live = harness.fresh({ maxUpstream: 2 });
		const servers = Object.values(harness.servers);
		for (const server of servers) server.delayMs = 15;
		let most = 0;
		const sampler = setInterval(() => (most = Math.max(most, servers.reduce((sum, s) => sum + s.inFlight, 0))), 2);
		const { served, failed } = await live.markets(['binanceusdm', 'bybit', 'okx'], '1h', 250);
		clearInterval(sampler);
		expect(failed).toEqual([]);
		expect(served).toHaveLength(3);
		expect(most).toBeGreaterThan(0);
		expect(most).toBeLessThanOrEqual(2);
		expect(live.limiter.active).toBe(0);
	});
});
