import { describe, expect, it } from 'vitest';
import { encodeCandlePack, decodeCandlePack } from '../../src/lib/core/market/candle-pack.ts';
import { resampleCandles, resampleToTimeframe } from '../../src/lib/core/market/resample.ts';
import type { Candle } from '../../src/lib/core/types.ts';
import { embeddedCandles, fixtureCandles } from '../helpers.ts';

const FIVE_MINUTES = 300_000;

/** Compares prices exactly and volume at the file's precision (3 decimals of BTC). */
function comparable(candle: Candle) {
	return { ...candle, volume: candle.volume.toFixed(3) };
}

describe('resampling the embedded 5m Bybit candles', () => {
	const base = embeddedCandles();

	it('holds the 25,920 candles of the data README, 2025-04-03 17:05 → 2025-07-02 17:00 UTC', () => {
		expect(base).toHaveLength(25_920);
		expect(base[0].time).toBe(Date.UTC(2025, 3, 3, 17, 5));
		expect(base[base.length - 1].time).toBe(Date.UTC(2025, 6, 2, 17, 0));
		// Price range from the data README: 74,456.2 to 111,968.0.
		expect(Math.min(...base.map((c) => c.low))).toBe(74_456.2);
		expect(Math.max(...base.map((c) => c.high))).toBe(111_968);
	});

	it("reproduces every complete candle of Bybit's own 15m file (8,639 of 8,639)", () => {
		const exchange = fixtureCandles('bybit-btcusdt-perp-15m.csv');
		const { candles, complete } = resampleCandles(base, 15 * 60_000, FIVE_MINUTES);
		const ours = new Map(candles.filter((_, i) => complete[i]).map((c) => [c.time, c]));
		// The exchange's last 15m candle (17:00, still forming when the file was taken) has only one 5m candle here.
		const comparableExchange = exchange.filter((c) => ours.has(c.time));
		expect(comparableExchange).toHaveLength(8_639);
		for (const candle of comparableExchange) expect(comparable(ours.get(candle.time)!)).toEqual(comparable(candle));
	});

	it("reproduces 719 of the 720 candles of Bybit's own 60m file; the one that differs is 2025-06-29 16:00", () => {
		const exchange = fixtureCandles('bybit-btcusdt-perp-60m.csv');
		const { candles } = resampleCandles(base, 60 * 60_000, FIVE_MINUTES);
		const ours = new Map(candles.map((c) => [c.time, c]));
		const differing = exchange.filter((c) => JSON.stringify(comparable(ours.get(c.time)!)) !== JSON.stringify(comparable(c)));
		expect(exchange).toHaveLength(720);
		expect(differing.map((c) => new Date(c.time).toISOString())).toEqual(['2025-06-29T16:00:00.000Z']);
	});

	it('puts 4h and 1d candles on UTC boundaries and drops the partial periods at both ends', () => {
		const fourHours = resampleToTimeframe(base, '4h', FIVE_MINUTES);
		const days = resampleToTimeframe(base, '1d', FIVE_MINUTES);
		expect(fourHours[0].time).toBe(Date.UTC(2025, 3, 3, 20)); // 17:05 start → the 16:00 period is partial
		expect(fourHours.every((c) => c.time % (4 * 3_600_000) === 0)).toBe(true);
		expect(days[0].time).toBe(Date.UTC(2025, 3, 4));
		expect(days[days.length - 1].time).toBe(Date.UTC(2025, 6, 1)); // 2025-07-02 is incomplete
		// The first full day: open of 00:00, close of 23:55, sums over 288 five-minute candles.
		const dayCandles = base.filter((c) => c.time >= Date.UTC(2025, 3, 4) && c.time < Date.UTC(2025, 3, 5));
		expect(dayCandles).toHaveLength(288);
		expect(days[0]).toEqual({
			time: Date.UTC(2025, 3, 4),
			open: dayCandles[0].open,
			high: Math.max(...dayCandles.map((c) => c.high)),
			low: Math.min(...dayCandles.map((c) => c.low)),
			close: dayCandles[287].close,
			volume: expect.closeTo(dayCandles.reduce((s, c) => s + c.volume, 0), 6)
		});
	});
});

describe('candle pack', () => {
	it('round-trips real candles losslessly (Bybit 15m file)', () => {
		const candles = fixtureCandles('bybit-btcusdt-perp-15m.csv');
		const pack = encodeCandlePack(candles, { symbol: 'BTCUSDT', exchange: 'Bybit', timeframe: '15m', priceScale: 10, volumeScale: 1000 });
		expect(decodeCandlePack(pack)).toEqual(candles);
	});

	it('refuses a price off the tick grid instead of rounding it silently', () => {
		const candle = { time: 0, open: 1.05, high: 1.05, low: 1.05, close: 1.05, volume: 1 };
		expect(() => encodeCandlePack([candle], { symbol: 'X', exchange: 'X', timeframe: '5m', priceScale: 10, volumeScale: 1 })).toThrow(
			'price 1.05 is not on a grid of 1/10'
		);
	});
});
