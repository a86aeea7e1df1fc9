/**
 * Request coalescing and the bound on concurrent upstream requests, counted on the loopback exchanges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as candlesGet } from '../../src/routes/api/candles/+server.ts';
import { startHarness, type Harness } from './harness.ts';

let harness: Harness;
beforeAll(async () => {
	harness = await startHarness();
});
afterAll(() => harness.close());

describe('coalescing', () => {
	it('20 concurrent identical requests cause one upstream fetch', async () => {
		const live = harness.fresh();
		harness.servers.okx.delayMs = 20;
		const results = await Promise.all(Array.from({ length: 20 }, () => live.market('okx', '1h', 150)));
		expect(new Set(results.map((r) => r.market)).size).toBe(1);
		expect(harness.servers.okx.count('/api/v5/public/instruments')).toBe(1);
		expect(harness.servers.okx.count('/api/v5/market/')).toBe(2); // 150 candles = two pages of 100, once
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
