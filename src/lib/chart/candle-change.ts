/**
 * How a new candle series relates to the one on the chart, so that a live refresh touches as little as possible:
 * - `same`: nothing to do (e.g. the model re-ran on the same candles);
 * - `tail`: same first candle, the old series is a prefix except perhaps its last candle: update from `from` on
 *   (`series.update`, no `setData`, zoom and scroll untouched);
 * - `shift`: the lookback window slid by `shift` candles (new candles closed, the oldest dropped): the data is
 *   replaced, and the visible logical range moved by `shift` so that the same times stay in view;
 * - `new`: another data set (source, timeframe, file): replaced and shown from the newest candle.
 * Compares open times (ms) only, plus the last close for `same`.
 */
import { firstCandleAtOrAfter } from '$lib/core/market/candle-search.ts';
import type { Candle } from '$lib/core/types.ts';

export type CandleChange = { kind: 'same' } | { kind: 'tail'; from: number } | { kind: 'shift'; shift: number } | { kind: 'new' };

/** Index of the candle opening at `time`, or -1. */
function indexOf(candles: readonly Candle[], time: number): number {
	const index = firstCandleAtOrAfter(candles, time);
	return candles[index]?.time === time ? index : -1;
}

export function candleChange(old: readonly Candle[], next: readonly Candle[]): CandleChange {
	if (old.length === 0 || next.length === 0) return { kind: 'new' };
	const oldLast = old[old.length - 1];
	const nextLast = next[next.length - 1];
	if (old.length === next.length && old[0].time === next[0].time && oldLast.time === nextLast.time && oldLast.close === nextLast.close)
		return { kind: 'same' };
	const shift = indexOf(old, next[0].time);
	if (shift < 0) return { kind: 'new' };
	const overlap = old.length - shift;
	// The old series' newest candle must sit at the same place in the new one (no holes filled or candles removed).
	if (next.length < overlap || next[overlap - 1].time !== oldLast.time) return { kind: 'new' };
	return shift === 0 ? { kind: 'tail', from: overlap - 1 } : { kind: 'shift', shift };
}
