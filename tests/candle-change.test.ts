/** How a live refresh relates to the candles on the chart (`chart/candle-change.ts`), and the timeframe of an imported file. */
import { describe, expect, it } from 'vitest';
import { candleChange } from '../src/lib/chart/candle-change.ts';
import type { Candle } from '../src/lib/core/types.ts';
import { timeframeFor } from '../src/lib/state/live-source.svelte.ts';

const T = 900_000;
const series = (from: number, count: number, close = 100): Candle[] =>
	Array.from({ length: count }, (_, i) => ({ time: (from + i) * T, open: 100, high: 101, low: 99, close, volume: 1 }));

describe('candleChange', () => {
	it('finds nothing to do for the same candles', () => {
		expect(candleChange(series(0, 10), series(0, 10))).toEqual({ kind: 'same' });
	});
	it('updates the last candle in place when only it changed', () => {
		const next = series(0, 10);
		next[9] = { ...next[9], close: 100.5 };
		expect(candleChange(series(0, 10), next)).toEqual({ kind: 'tail', from: 9 });
	});
	it('appends candles that closed after the last one', () => {
		expect(candleChange(series(0, 10), series(0, 12))).toEqual({ kind: 'tail', from: 9 });
	});
	it('measures how far a lookback window slid', () => {
		expect(candleChange(series(0, 10), series(2, 10))).toEqual({ kind: 'shift', shift: 2 });
	});
	it('treats another data set, or a shorter one, as new', () => {
		expect(candleChange(series(0, 10), series(50, 10))).toEqual({ kind: 'new' });
		expect(candleChange(series(0, 10), series(0, 8))).toEqual({ kind: 'new' });
		expect(candleChange([], series(0, 3))).toEqual({ kind: 'new' });
	});
});

describe('timeframeFor', () => {
	it('keeps the timeframe when the file builds it, else takes the shortest it builds', () => {
		expect(timeframeFor(300_000, '15m')).toBe('15m');
		expect(timeframeFor(3_600_000, '15m')).toBe('1h');
		expect(timeframeFor(7 * 60_000, '15m')).toBeNull();
	});
});
