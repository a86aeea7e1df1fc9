/**
 * Binary search over ascending data: `lowerBound` is the one written here, used for candles by open time
 * (`firstCandleAtOrAfter`: every parser and resampler returns candles ascending by open time, ms UTC), sorted
 * intensities (`clusters.ts` `percentileRank`) and sorted moves (`baseline-curve.ts`). O(log n).
 */
import type { Candle } from '../types.ts';

/**
 * The first index in [from, count) at which `before(i)` is false, `count` when there is none. `before` must be true
 * on a prefix and false after it (a sorted array compared with one value).
 */
export function lowerBound(count: number, before: (index: number) => boolean, from = 0): number {
	let lo = from;
	let hi = count;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (before(mid)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Index of the first candle whose open time is ≥ `time`; `candles.length` when there is none. */
export function firstCandleAtOrAfter(candles: readonly Candle[], time: number): number {
	return lowerBound(candles.length, (i) => candles[i].time < time);
}
