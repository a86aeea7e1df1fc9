/**
 * Consolidation ranges the plain way (the app's code until the one-pass scan replaced it): from each start, grow the
 * run bar by bar; O(n · run length). Same rule as `src/lib/core/confluence/support-resistance.ts`.
 */
import type { ConsolidationRange } from '../../src/lib/core/confluence/support-resistance.ts';
import type { Candle } from '../../src/lib/core/types.ts';

export function consolidationRangesReference(
	candles: readonly Candle[],
	atr: readonly (number | null)[],
	options: { rangeMinBars: number; rangeMaxAtr: number }
): ConsolidationRange[] {
	const ranges: ConsolidationRange[] = [];
	let start = 0;
	while (start < candles.length) {
		let high = candles[start].high;
		let low = candles[start].low;
		let end = start;
		while (end + 1 < candles.length) {
			const next = candles[end + 1];
			const width = atr[end + 1];
			const nextHigh = Math.max(high, next.high);
			const nextLow = Math.min(low, next.low);
			if (width === null || nextHigh - nextLow > options.rangeMaxAtr * width) break;
			[high, low, end] = [nextHigh, nextLow, end + 1];
		}
		if (end - start + 1 >= options.rangeMinBars) {
			ranges.push({ startIndex: start, endIndex: end, startTime: candles[start].time, endTime: candles[end].time, low, high });
			start = end + 1;
		} else start++;
	}
	return ranges;
}
