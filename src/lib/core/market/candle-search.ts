/**
 * Searching candles by time. Candles are ascending by open time (ms UTC), as every parser and resampler here returns
 * them, so a binary search finds a time in O(log n).
 */
import type { Candle } from '../types.ts';

/** Index of the first candle whose open time is ≥ `time`; `candles.length` when there is none. */
export function firstCandleAtOrAfter(candles: readonly Candle[], time: number): number {
	let lo = 0;
	let hi = candles.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (candles[mid].time < time) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
