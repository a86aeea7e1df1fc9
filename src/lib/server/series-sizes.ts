/**
 * The series lengths the server fetches from an exchange, per timeframe: the candle counts of the app's lookbacks
 * (7, 14, 30, 60, 90 days: lookback days × 86,400,000 / timeframe ms) and the API's largest `limit` (5,000). Any other
 * request is served as the last candles of the next larger of these, so hostile variations (`limit=101`, `102`, …)
 * coalesce into a handful of cached fetches per exchange and timeframe instead of one exchange call each.
 */
import { LOOKBACK_DAYS } from '../core/analysis/params.ts';
import { TIMEFRAME_MS } from '../core/market/resample.ts';
import type { Timeframe } from '../core/types.ts';
import { CANDLE_LIMIT } from './api-params.ts';

/** Closed candles of `lookbackDays` days at `timeframe`. */
export function candleCount(timeframe: Timeframe, lookbackDays: number): number {
	return Math.round((lookbackDays * 86_400_000) / TIMEFRAME_MS[timeframe]);
}

/** The fetched lengths at `timeframe`, ascending (at most 6). */
export function seriesSizes(timeframe: Timeframe): number[] {
	const sizes = new Set([...LOOKBACK_DAYS.map((days) => candleCount(timeframe, days)), CANDLE_LIMIT.max]);
	return [...sizes].sort((a, b) => a - b);
}

/** The length fetched to serve `count` candles: the smallest fetched length that holds them. */
export function seriesSize(timeframe: Timeframe, count: number): number {
	return seriesSizes(timeframe).find((size) => size >= count) ?? count;
}
