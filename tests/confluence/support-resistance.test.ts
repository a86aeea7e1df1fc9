import { describe, expect, it } from 'vitest';
import { consolidationRanges, priorPeriodLevels, srZones, weekStart, type SrLevel } from '../../src/lib/core/confluence/support-resistance.ts';
import { volumeIntoZone, volumeProfile } from '../../src/lib/core/confluence/volume.ts';
import { atrSeries } from '../../src/lib/core/confluence/indicators.ts';
import { resampleToTimeframe } from '../../src/lib/core/market/resample.ts';
import { randomWalkCandles } from '../../src/lib/core/market/synthetic.ts';
import { candle, embeddedCandles } from '../helpers.ts';
import { consolidationRangesReference } from '../reference/consolidation-ranges-reference.ts';

describe('support and resistance', () => {
	it('finds a consolidation box where the span stays within 3 ATR for 24 bars or more', () => {
		// 10 trending bars, 30 bars oscillating between 99 and 101 (span 2 ≤ 3 × ATR 1), then a breakout to 110.
		const trend = Array.from({ length: 10 }, (_, i) => candle(i, 80 + 2 * i, 81 + 2 * i, 79 + 2 * i, 81 + 2 * i));
		const box = Array.from({ length: 30 }, (_, i) => candle(10 + i, 100, 101, 99, i % 2 ? 100.5 : 99.5));
		const breakout = [candle(40, 100, 111, 100, 110)];
		const candles = [...trend, ...box, ...breakout];
		const atr = candles.map(() => 1);
		expect(consolidationRanges(candles, atr, { rangeMinBars: 24, rangeMaxAtr: 3 }).map((r) => [r.startIndex, r.endIndex, r.low, r.high])).toEqual([
			[10, 39, 99, 101] // bar 9 (97–99) would make the span 101 − 97 = 4 > 3 ATR, the breakout bar 111 − 99 = 12
		]);
	});

	it('finds the same boxes in one pass as the plain scan from every start, on real and synthetic candles', () => {
		const real5m = embeddedCandles();
		const series = [real5m, resampleToTimeframe(real5m, '1h', 300_000), randomWalkCandles({ count: 20_000, seed: 4, startPrice: 50_000 })];
		for (const candles of series) {
			const atr = atrSeries(candles);
			for (const options of [{ rangeMinBars: 24, rangeMaxAtr: 3 }, { rangeMinBars: 6, rangeMaxAtr: 1.5 }]) {
				const ranges = consolidationRanges(candles, atr, options);
				expect(ranges.length).toBeGreaterThan(10);
				expect(ranges).toEqual(consolidationRangesReference(candles, atr, options));
			}
		}
	});

	it('takes the prior UTC day and the prior Monday-based week', () => {
		expect(new Date(weekStart(Date.UTC(2025, 6, 2, 17))).toISOString()).toBe('2025-06-30T00:00:00.000Z'); // a Wednesday → Monday
		// 2025-01-01 is a Wednesday: hourly candles from Monday 2024-12-23 to Thursday 2025-01-02 12:00.
		const start = Date.UTC(2024, 11, 23);
		const candles = Array.from({ length: 24 * 10 + 12 }, (_, i) => {
			const time = start + i * 3_600_000;
			const price = 100 + (i % 24); // daily high 123 at 23:00, low 100 at 00:00
			return { time, open: price, high: price + (time < Date.UTC(2024, 11, 30) ? 10 : 0), low: price - 1, close: price, volume: 1 };
		});
		const levels = priorPeriodLevels(candles);
		expect(levels.map((l) => [l.source, l.price, new Date(l.time).toISOString().slice(0, 10)])).toEqual([
			['prior-day-high', 123, '2025-01-01'],
			['prior-day-low', 99, '2025-01-01'],
			['prior-week-high', 133, '2024-12-23'],
			['prior-week-low', 99, '2024-12-23']
		]);
	});

	it('merges nearby levels into one zone, counts touches and rejections, and says why', () => {
		const made = candle(0, 1, 1, 1, 1).time; // all levels made at bar 0: age 2 bars at bar 2
		const level = (price: number, source: SrLevel['source'] = 'swing-high', time = made): SrLevel => ({ price, source, time });
		const swingA = level(100);
		const priorWeek = level(100.2, 'prior-week-high');
		const candles = [
			candle(0, 90, 96, 89, 95), // below the zone: no touch
			candle(1, 95, 100.2, 94, 96), // wicks into 99.8–100.4 and closes below: touch + rejection
			candle(2, 96, 101, 95, 100.1) // closes inside: touch only
		];
		const zones = srZones(candles, [swingA, priorWeek, level(110)], 1, {
			rangeMinBars: 24,
			rangeMaxAtr: 3,
			mergeAtr: 0.4,
			maxSwings: 12,
			maxRanges: 8,
			touchBars: 1000
		});
		expect(zones).toHaveLength(2);
		const [zone] = zones;
		expect([zone.low, zone.high, zone.touches, zone.rejections]).toEqual([99.8, 100.4, 2, 1]);
		// strongest source first (prior week 1.5 before a swing 1), then the rejections
		expect(zone.reasons).toEqual([
			{ code: 'level', level: priorWeek },
			{ code: 'level', level: swingA },
			{ code: 'rejections', count: 1 }
		]);
		// raw = 1 + 1.5 + 0.3·1 + 0.05·2 + 0.5·min(1, 2/200) = 2.905 → strength = 1 − e^(−2.905/3) = 0.6203
		expect(zone.strength.toFixed(4)).toBe('0.6203');
	});
});

describe('volume', () => {
	it('builds a profile with its point of control and 70 % value area (hand calculation)', () => {
		// Three candles over 100–104 with 4 bins of 1: volume 8 spread over 100–104 (2 per bin), 6 in 101–102, 2 in 103–104.
		const candles = [candle(0, 100, 104, 100, 104, 8), candle(1, 101, 102, 101, 102, 6), candle(2, 103, 104, 103, 104, 2)];
		const profile = volumeProfile(candles, 4)!;
		expect([...profile.volumes]).toEqual([2, 8, 2, 4]);
		expect(profile.pocPrice).toBe(101.5);
		// 70 % of 16 = 11.2: POC 8, then the larger neighbour (above: 2 vs below: 2 → above) 10, then 104 bin 4 → 14.
		expect([profile.valueAreaLow, profile.valueAreaHigh]).toEqual([101, 104]);
	});

	it('says volume is rising into a zone when price approaches it on higher volume', () => {
		const quiet = Array.from({ length: 24 }, (_, i) => candle(i, 100, 101, 99, 100, 10));
		const approach = Array.from({ length: 6 }, (_, i) => candle(24 + i, 100 + i, 101 + i, 99 + i, 101 + i, 15));
		expect(volumeIntoZone([...quiet, ...approach], 120)).toEqual({ approaching: true, volumeRatio: 1.5, rising: true });
		expect(volumeIntoZone([...quiet, ...approach], 80)).toMatchObject({ approaching: false, rising: false });
	});
});
