/**
 * Exchange calls are bounded: the wait for a request slot counts against the stated timeout (the 504 says what was
 * waited for), and each exchange has one request budget (its published rate limit) that every request takes from.
 * Counted on the loopback exchanges; no duration is measured.
 */
import { describe, expect, it } from 'vitest';
import { binanceusdmAdapter } from '../../src/lib/server/adapters/binanceusdm.ts';
import { bybitAdapter } from '../../src/lib/server/adapters/bybit.ts';
import { okxAdapter } from '../../src/lib/server/adapters/okx.ts';
import { candlesApi } from '../../src/lib/server/api.ts';
import { LiveSources } from '../../src/lib/server/live-sources.ts';
import { failure, SHORT_TIMEOUT_MS, TEST_TIMEOUT_MS, useHarness } from './harness.ts';

const harness = useHarness();

describe('the wait for a request slot counts against the timeout', () => {
	it('all slots held past the deadline: 504 "was not asked within 0.6 s", the exchange never asked', async () => {
		const live = harness.fresh({ upstreamTimeoutMs: SHORT_TIMEOUT_MS, maxUpstream: 1 });
		let release = () => {};
		// Something else holds the only slot until the test lets it go.
		const holder = live.limiter.run(() => new Promise<void>((resolve) => (release = resolve)));
		const error = await failure(live.market('okx', '1h', 24));
		expect(error.code).toBe('upstream-timeout');
		expect(error.httpStatus).toBe(504);
		expect(error.message).toBe('OKX was not asked within 0.6 s: all 1 exchange request slots of this server stayed busy');
		expect(harness.servers.okx.requests).toEqual([]);
		expect(live.limiter.queued).toBe(0);
		release();
		await holder;
		expect(live.stats()).toEqual({ cached: 0, inflight: 0, activeUpstream: 0, queuedUpstream: 0 });
	});

	it('a request that waited for its slot and then got no answer says how much of the time was the wait', async () => {
		// The clients run on the test's clock: the slot is freed 1.2 s after the call by that clock, whatever the
		// machine's pace (the deadline's timer is real, and fires 1.8 s after the release).
		let now = Date.UTC(2026, 0, 10);
		harness.fresh();
		const live = new LiveSources(harness.config({ upstreamTimeoutMs: 3000, maxUpstream: 1 }), {}, {}, () => now);
		harness.servers.bybit.faults = [{ fault: 'timeout', path: '/v5/market/kline' }];
		let release = () => {};
		const holder = live.limiter.run(() => new Promise<void>((resolve) => (release = resolve)));
		const answer = failure(live.market('bybit', '1h', 24, now));
		// The call has started its clock and waits for the slot.
		while (live.limiter.queued === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		now += 1200;
		release();
		await holder;
		const error = await answer;
		// 1.2 s of waiting, rounded up to whole seconds: 2 s; the rest of the 3 s is the unanswered request.
		expect(error.message).toBe('Bybit did not answer within 3 s (2 s of it before the request could be sent)');
		expect(error.httpStatus).toBe(504);
	});

	it('the API answers 504 with that message', async () => {
		const live = harness.fresh({ upstreamTimeoutMs: SHORT_TIMEOUT_MS, maxUpstream: 1 });
		let release = () => {};
		const holder = live.limiter.run(() => new Promise<void>((resolve) => (release = resolve)));
		const { status, body } = await candlesApi(new URL('http://localhost/api/candles?source=bybit&timeframe=1h&limit=10'), live);
		expect(status).toBe(504);
		expect(body).toEqual({ error: { code: 'upstream-timeout', message: 'Bybit was not asked within 0.6 s: all 1 exchange request slots of this server stayed busy', source: 'Bybit' } });
		release();
		await holder;
	});
});

describe('per-exchange request budget', () => {
	// Funding (the streams' REST gap fill): Binance fundingRate weight 1, Bybit 1 request, OKX funding-rate 10 per 2 s → 4 of 40.
	it('published limits: Binance 2,400 weight/min, Bybit 600 requests/5 s, OKX 40 units/2 s', () => {
		expect(binanceusdmAdapter.rateLimit).toEqual({ units: 2400, windowMs: 60_000, cost: { markets: 1, candles: 5, openInterest: 12, funding: 1 } });
		expect(bybitAdapter.rateLimit).toEqual({ units: 600, windowMs: 5_000, cost: { markets: 2, candles: 1, openInterest: 1, funding: 1 } });
		expect(okxAdapter.rateLimit).toEqual({ units: 40, windowMs: 2_000, cost: { markets: 2, candles: 2, openInterest: 8, funding: 4 } });
	});

	it('a spent budget refuses at once with 504 and Retry-After; the exchange gets no request beyond it', async () => {
		// Bybit with a budget of 4 requests a minute: markets (2) + one kline page + one open-interest page.
		// The generous test timeout (20 s): the refusal is immediate all the same, since room comes only in 60 s. The
		// clients run on a fixed clock, so "in 60 s" is exact whatever the machine's pace.
		harness.fresh();
		const now = Date.UTC(2026, 0, 10);
		const live = new LiveSources(harness.config(), {}, { bybit: { units: 4, windowMs: 60_000, cost: { markets: 2, candles: 1, openInterest: 1, funding: 1 } } }, () => now);
		expect((await live.market('bybit', '1h', 24)).market.candles).toHaveLength(24);
		expect(harness.servers.bybit.requests).toHaveLength(4);
		const { status, body: answer, headers } = await candlesApi(new URL('http://localhost/api/candles?source=bybit&timeframe=4h&limit=10'), live);
		const body = answer as { error: { message: string } };
		expect(status).toBe(504);
		expect(body.error).toMatchObject({ code: 'upstream-timeout', source: 'Bybit' });
		expect(body.error.message).toBe(
			`Bybit was not asked: this server's request budget for Bybit (4 per 60 s, the exchange's published limit) has no room within ${TEST_TIMEOUT_MS / 1000} s, only in 60 s`
		);
		expect(headers['retry-after']).toBe('60');
		expect(harness.servers.bybit.requests).toHaveLength(4);
	});

	it('one budget per exchange for all requests of the process: another exchange is not held back', async () => {
		const live = harness.fresh({}, {}, { bybit: { units: 4, windowMs: 60_000, cost: { markets: 2, candles: 1, openInterest: 1, funding: 1 } } });
		await live.market('bybit', '1h', 24);
		const { served, failed } = await live.markets(['bybit', 'okx'], '4h', 20);
		expect(served.map((s) => s.market.source)).toEqual(['okx']);
		expect(failed.map((f) => f.error.code)).toEqual(['upstream-timeout']);
	});
});
