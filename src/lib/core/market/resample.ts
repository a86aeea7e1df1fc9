/**
 * Exact resampling of candles to a longer timeframe on UTC boundaries.
 *
 * A target candle covers `[k·T, (k+1)·T)` in ms since the epoch (T = timeframe length; the epoch is midnight UTC, so
 * 4h candles open at 00, 04, … UTC and daily candles at 00:00 UTC). Its open is the first base candle's open, high the
 * maximum high, low the minimum low, close the last close, volume the sum (BTC). This is how exchanges build their own
 * longer candles: aggregating Bybit's 5m file reproduces its 15m file exactly (see `tests/resample.test.ts`).
 *
 * A bucket is complete when it holds T / baseInterval base candles; incomplete buckets (at the edges of the data, or
 * around gaps) are kept and flagged, so the caller decides what to show.
 */
import type { Candle, Timeframe } from '../types.ts';

const MINUTE = 60_000;

export const TIMEFRAME_MS: Record<Timeframe, number> = {
	'5m': 5 * MINUTE,
	'15m': 15 * MINUTE,
	'1h': 60 * MINUTE,
	'4h': 240 * MINUTE,
	'1d': 1440 * MINUTE
};

/**
 * How long live data of a timeframe stays fresh (ms): the server's cache time-to-live and the browser's poll period.
 * A fraction of the candle period: long enough that many polling browsers share one exchange request, short enough
 * that the forming candle stays live.
 */
export const LIVE_REFRESH_MS: Record<Timeframe, number> = {
	'5m': 15_000,
	'15m': 30_000,
	'1h': 60_000,
	'4h': 120_000,
	'1d': 300_000
};

export interface ResampledCandles {
	candles: Candle[];
	/** `complete[i]` is false when candle i was built from fewer base candles than its period holds. */
	complete: boolean[];
}

/** Aggregates sorted base candles (regular step `baseIntervalMs`) into candles of `targetMs`. */
export function resampleCandles(candles: readonly Candle[], targetMs: number, baseIntervalMs: number): ResampledCandles {
	if (targetMs % baseIntervalMs !== 0)
		throw new Error(`cannot resample ${baseIntervalMs / MINUTE}m candles to ${targetMs / MINUTE}m: not a multiple`);
	const perBucket = targetMs / baseIntervalMs;
	const out: Candle[] = [];
	const complete: boolean[] = [];
	let current: Candle | null = null;
	let count = 0;
	for (const candle of candles) {
		const bucket = Math.floor(candle.time / targetMs) * targetMs;
		if (current && current.time === bucket) {
			if (candle.high > current.high) current.high = candle.high;
			if (candle.low < current.low) current.low = candle.low;
			current.close = candle.close;
			current.volume += candle.volume;
			count++;
			continue;
		}
		if (current) complete.push(count === perBucket);
		current = { ...candle, time: bucket };
		out.push(current);
		count = 1;
	}
	if (current) complete.push(count === perBucket);
	return { candles: out, complete };
}

/** Resamples to a named timeframe and drops incomplete candles at both ends (partial periods would mislead). */
export function resampleToTimeframe(candles: readonly Candle[], timeframe: Timeframe, baseIntervalMs: number): Candle[] {
	const targetMs = TIMEFRAME_MS[timeframe];
	if (targetMs === baseIntervalMs) return candles.slice();
	const { candles: out, complete } = resampleCandles(candles, targetMs, baseIntervalMs);
	let start = 0;
	let end = out.length;
	while (start < end && !complete[start]) start++;
	while (end > start && !complete[end - 1]) end--;
	return out.slice(start, end);
}
