/**
 * A visible range carried across series by TIME instead of bar index, so that a view survives a change of candles
 * (another timeframe, lookback or source, a replay cut): a logical index (bar number, fractional, possibly past either
 * end) becomes a time (ms UTC) on the series it was read on, and back to an index on the next series. When the
 * newest candle is in view, the empty space right of it is kept as a share of the width, so the newest bar keeps its
 * place near the right edge (a replay step, a timeframe change).
 */
import { firstCandleAtOrAfter } from '$lib/core/market/candle-search.ts';
import type { Candle } from '$lib/core/types.ts';

/** A visible range as times (ms UTC). */
export interface TimeRange {
	/** Time at the left edge. */
	from: number;
	/** Time at the right edge; when the newest candle is in view, the newest candle's open time. */
	to: number;
	/** Share of the width (0–1) right of the newest candle, 0 when the newest candle is off-screen to the right. */
	rightSpaceShare: number;
}

/** The time at a logical index of `candles` (bars `barMs` apart past either end). */
function timeAt(candles: readonly Candle[], index: number, barMs: number): number {
	const last = candles.length - 1;
	if (index <= 0) return candles[0].time + index * barMs;
	if (index >= last) return candles[last].time + (index - last) * barMs;
	const below = Math.floor(index);
	return candles[below].time + (index - below) * (candles[below + 1].time - candles[below].time);
}

/** The logical index of a time in `candles` (fractional between bars, extrapolated past either end). */
function indexAt(candles: readonly Candle[], time: number, barMs: number): number {
	const last = candles.length - 1;
	if (time <= candles[0].time) return (time - candles[0].time) / barMs;
	if (time >= candles[last].time) return last + (time - candles[last].time) / barMs;
	const above = firstCandleAtOrAfter(candles, time);
	const below = above - 1;
	return below + (time - candles[below].time) / (candles[above].time - candles[below].time);
}

export function logicalToTimeRange(candles: readonly Candle[], range: { from: number; to: number }, barMs: number): TimeRange | null {
	if (candles.length === 0 || range.to <= range.from) return null;
	const last = candles.length - 1;
	const newestInView = range.to >= last;
	return {
		from: timeAt(candles, range.from, barMs),
		to: timeAt(candles, newestInView ? last : range.to, barMs),
		rightSpaceShare: newestInView ? (range.to - last) / (range.to - range.from) : 0
	};
}

/**
 * The logical range showing `range` on `candles` (bars `barMs` apart): the same times; when the newest candle was in
 * view, the same time span ending at the NEW newest candle, with the same share of empty space right of it. At least
 * `minBars` of candles wide, so a coarser timeframe never shows a single bar.
 */
export function timeToLogicalRange(candles: readonly Candle[], range: TimeRange, barMs: number, minBars = 20): { from: number; to: number } | null {
	if (candles.length === 0) return null;
	const last = candles.length - 1;
	if (range.rightSpaceShare > 0) {
		const candleBars = Math.max(minBars, (range.to - range.from) / barMs);
		const spaceBars = (candleBars / (1 - Math.min(0.9, range.rightSpaceShare))) * range.rightSpaceShare;
		return { from: last - candleBars, to: last + spaceBars };
	}
	const to = indexAt(candles, range.to, barMs);
	const from = Math.min(indexAt(candles, range.from, barMs), to - minBars);
	return { from, to };
}
