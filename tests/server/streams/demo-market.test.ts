/**
 * The demo market's own model (`src/lib/server/demo-market/`): its history is the sample re-timed, its traders are
 * seeded (a run repeats exactly), each print is where the price path reached the print's price, and funding follows
 * the documented formula. Expected numbers come from the sample file and the formulas in `traders.ts`.
 */
import { describe, expect, it } from 'vitest';
import { DemoMarket, FUNDING_INTERVAL_MS } from '../../../src/lib/server/demo-market/demo-market.ts';
import { sampleCandles } from '../../../src/lib/server/sample-source.ts';
import { readStreamConfig } from '../../../src/lib/server/streams/stream-config.ts';

const START = Date.UTC(2026, 0, 10);
const bars = sampleCandles();
const startBar = 20_000;
const market = (seed: number, offset = 0) => new DemoMarket({ bars, clock: { start: START, startBar, speed: 1 }, priceOffset: offset, seed });

describe('demo market', () => {
	it('history is the sample re-timed to end at the start (one bar per 5 minutes), with the price offset', () => {
		const m = market(1, 6);
		for (const k of [1, 2, 100]) {
			const bar = bars[startBar - k];
			expect(m.candle(START - k * 300_000, 300_000, START)).toEqual({
				time: START - k * 300_000,
				open: Math.round((bar.open + 6) * 10) / 10,
				high: Math.round((bar.high + 6) * 10) / 10,
				low: Math.round((bar.low + 6) * 10) / 10,
				close: Math.round((bar.close + 6) * 10) / 10,
				volume: Math.round(bar.volume * 1000) / 1000
			});
		}
		// Before the sample's first bar there is no market.
		expect(m.candle(START - (startBar + 1) * 300_000, 300_000, START)).toBeNull();
	});

	it('the same seed gives the same prints; another seed other prints', () => {
		const from = START - 3 * 86_400_000;
		const a = market(7).printsBetween(from, START);
		expect(a.length).toBeGreaterThan(100);
		expect(market(7).printsBetween(from, START)).toEqual(a);
		expect(market(8).printsBetween(from, START)).not.toEqual(a);
	});

	it('each print is where the path reached its price: longs on the way down, shorts on the way up', () => {
		const m = market(3);
		const prints = m.printsBetween(START - 86_400_000, START);
		for (const print of prints) {
			const cursor = m.path.cursorAt(print.time);
			// Times are rounded to the ms: 1 ms of history is 1/300,000 of a bar, a price step of a few cents at most.
			expect(Math.abs(m.path.priceAt(cursor) - print.price)).toBeLessThan(0.2);
		}
		expect(prints.map((p) => p.time)).toEqual([...prints.map((p) => p.time)].sort((x, y) => x - y));
		expect(new Set(prints.map((p) => p.side))).toEqual(new Set(['long', 'short']));
	});

	it('funding: 0.01 % + 0.2 % × (long − short)/(long + short), within ±0.75 %, settling at 00:00, 08:00, 16:00 UTC', () => {
		const m = market(5);
		const rates = Array.from({ length: 50 }, (_, k) => m.funding(START - k * 3_600_000).rate);
		for (const rate of rates) {
			expect(rate).toBeGreaterThanOrEqual(0.0001 - 0.002);
			expect(rate).toBeLessThanOrEqual(0.0001 + 0.002);
		}
		expect(new Set(rates).size).toBeGreaterThan(10);
		expect(m.funding(START + 1).nextFundingTime).toBe(START + FUNDING_INTERVAL_MS);
		expect(m.funding(START - 1).nextFundingTime).toBe(START);
	});
});

describe('LIQMAP_EXCHANGE_WS_URL_<ID>', () => {
	it('accepts a loopback ws origin (the path dropped) and refuses anything else, naming the variable', () => {
		expect(readStreamConfig({ LIQMAP_EXCHANGE_WS_URL_OKX: 'ws://127.0.0.1:4802/ws/v5' }).wsOrigins).toEqual({ okx: 'ws://127.0.0.1:4802' });
		expect(() => readStreamConfig({ LIQMAP_EXCHANGE_WS_URL_BYBIT: 'wss://stream.bybit.com' })).toThrow(
			'LIQMAP_EXCHANGE_WS_URL_BYBIT="wss://stream.bybit.com": only a loopback ws origin (127.0.0.1) is allowed'
		);
		expect(() => readStreamConfig({ LIQMAP_EXCHANGE_WS_URL_BINANCEUSDM: 'http://127.0.0.1:4800' })).toThrow(/only a loopback ws origin/);
	});
});
