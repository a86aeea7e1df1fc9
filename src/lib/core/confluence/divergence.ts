/**
 * RSI divergences, pivot-based, after TradingView's built-in "RSI Divergence Indicator" (defaults: pivot look-back
 * left 5, right 5, range 5–60 bars between the two pivots):
 * - regular bullish: RSI makes a higher low while price makes a lower low (at the RSI pivot lows) → toward up;
 * - hidden bullish: RSI lower low, price higher low → continuation up;
 * - regular bearish: RSI lower high, price higher high → toward down;
 * - hidden bearish: RSI higher high, price lower high → continuation down.
 * Price is read at the same bars as the RSI pivots (low for pivot lows, high for pivot highs). A divergence is known
 * `right` bars after its second pivot (`confirmedIndex`). RSI 0–100; prices in quote currency.
 */
import { nullsAsNaN, pivotIndices, type PivotKind } from './pivots.ts';
import type { Candle } from '../types.ts';

export interface DivergenceOptions {
	left: number;
	right: number;
	minBars: number;
	maxBars: number;
}

export const DEFAULT_DIVERGENCE: DivergenceOptions = { left: 5, right: 5, minBars: 5, maxBars: 60 };

export interface DivergencePoint {
	index: number;
	time: number;
	price: number;
	rsi: number;
}

export interface Divergence {
	kind: 'regular' | 'hidden';
	direction: 'bullish' | 'bearish';
	from: DivergencePoint;
	to: DivergencePoint;
	confirmedIndex: number;
	confirmedTime: number;
}

export function rsiDivergences(
	candles: readonly Candle[],
	rsi: readonly (number | null)[],
	options: DivergenceOptions = DEFAULT_DIVERGENCE
): Divergence[] {
	const found: Divergence[] = [];
	const rsiValues = nullsAsNaN(rsi);
	for (const pivotKind of ['low', 'high'] as PivotKind[]) {
		const pivots = pivotIndices(rsiValues, options.left, options.right, pivotKind);
		for (let k = 1; k < pivots.length; k++) {
			const [a, b] = [pivots[k - 1], pivots[k]];
			const bars = b - a;
			if (bars < options.minBars || bars > options.maxBars) continue;
			const price = (i: number) => (pivotKind === 'low' ? candles[i].low : candles[i].high);
			const rsiUp = rsiValues[b] > rsiValues[a];
			const rsiDown = rsiValues[b] < rsiValues[a];
			const priceUp = price(b) > price(a);
			const priceDown = price(b) < price(a);
			let kind: Divergence['kind'] | null = null;
			if (pivotKind === 'low') {
				if (rsiUp && priceDown) kind = 'regular';
				else if (rsiDown && priceUp) kind = 'hidden';
			} else {
				if (rsiDown && priceUp) kind = 'regular';
				else if (rsiUp && priceDown) kind = 'hidden';
			}
			if (!kind) continue;
			const confirmedIndex = b + options.right;
			found.push({
				kind,
				direction: pivotKind === 'low' ? 'bullish' : 'bearish',
				from: { index: a, time: candles[a].time, price: price(a), rsi: rsiValues[a] },
				to: { index: b, time: candles[b].time, price: price(b), rsi: rsiValues[b] },
				confirmedIndex,
				confirmedTime: candles[confirmedIndex].time
			});
		}
	}
	return found.sort((x, y) => x.confirmedIndex - y.confirmedIndex);
}
