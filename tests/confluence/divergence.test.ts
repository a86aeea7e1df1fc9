import { describe, expect, it } from 'vitest';
import { rsiDivergences } from '../../src/lib/core/confluence/divergence.ts';
import { candle } from '../helpers.ts';

const OPTIONS = { left: 2, right: 2, minBars: 3, maxBars: 20 };

/** Candles with the given lows/highs around `mid`, and a hand-made RSI series (the detector takes RSI as input). */
function series(lows: number[], highs: number[]) {
	return lows.map((low, i) => candle(i, (low + highs[i]) / 2, highs[i], low, (low + highs[i]) / 2));
}

describe('RSI divergences on hand-made series (pivots 2/2, range 3–20 bars)', () => {
	it('finds a regular bullish divergence: price lower low, RSI higher low', () => {
		// RSI pivot lows at bars 3 (30) and 9 (35); price lows there 100 and 95.
		const rsi = [50, 45, 40, 30, 40, 50, 55, 45, 40, 35, 45, 50, 55];
		const lows = [110, 108, 105, 100, 104, 108, 110, 104, 100, 95, 101, 106, 108];
		const highs = lows.map((l) => l + 5);
		const [divergence] = rsiDivergences(series(lows, highs), rsi, OPTIONS);
		expect(divergence).toMatchObject({ kind: 'regular', direction: 'bullish', confirmedIndex: 11 });
		expect([divergence.from.index, divergence.from.price, divergence.from.rsi]).toEqual([3, 100, 30]);
		expect([divergence.to.index, divergence.to.price, divergence.to.rsi]).toEqual([9, 95, 35]);
	});

	it('finds a hidden bullish divergence: price higher low, RSI lower low', () => {
		const rsi = [50, 45, 40, 35, 40, 50, 55, 45, 40, 30, 45, 50, 55];
		const lows = [110, 108, 105, 95, 104, 108, 110, 104, 101, 100, 103, 106, 108];
		const highs = lows.map((l) => l + 5);
		expect(rsiDivergences(series(lows, highs), rsi, OPTIONS).map((d) => [d.kind, d.direction])).toEqual([['hidden', 'bullish']]);
	});

	it('finds regular and hidden bearish divergences at RSI pivot highs', () => {
		const rsi = [50, 55, 60, 70, 60, 50, 45, 55, 60, 65, 55, 50, 45];
		const highs = [100, 102, 105, 110, 106, 102, 100, 106, 110, 115, 108, 104, 102];
		const lows = highs.map((h) => h - 5);
		expect(rsiDivergences(series(lows, highs), rsi, OPTIONS).map((d) => [d.kind, d.direction])).toEqual([['regular', 'bearish']]);
		const hiddenHighs = [100, 102, 105, 115, 106, 102, 100, 106, 108, 110, 108, 104, 102];
		const hiddenRsi = [50, 55, 60, 65, 60, 50, 45, 55, 60, 70, 55, 50, 45];
		expect(rsiDivergences(series(hiddenHighs.map((h) => h - 5), hiddenHighs), hiddenRsi, OPTIONS).map((d) => [d.kind, d.direction])).toEqual([
			['hidden', 'bearish']
		]);
	});

	it('ignores pivots further apart than the range, and pivots during the RSI warm-up', () => {
		const rsi = [null, null, 40, 30, 40, 50, 55, 45, 40, 35, 45, 50, 55];
		const lows = [110, 108, 105, 100, 104, 108, 110, 104, 100, 95, 101, 106, 108];
		const highs = lows.map((l) => l + 5);
		expect(rsiDivergences(series(lows, highs), rsi, OPTIONS)).toEqual([]); // bar 3's left side includes nulls
		expect(rsiDivergences(series(lows, highs), [50, 45, 40, 30, 40, 50, 55, 45, 40, 35, 45, 50, 55], { ...OPTIONS, maxBars: 5 })).toEqual([]);
	});
});
