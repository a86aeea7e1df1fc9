/**
 * Higher-timeframe context: the trend of the context timeframe (e.g. 4h for a 15m chart), used only as a filter.
 *
 * Two votes: market structure on the context candles (direction of the last BOS/CHoCH, `structure.ts`) and the slope of
 * EMA(n) over its last 5 bars (n = 50, or half the candles when fewer; slope in % of price per bar, flat within
 * ±0.01 %/bar). Both up → up; both down → down; one silent → the other; disagreeing → range.
 * Context candles must be complete and closed by the execution chart's last candle (the caller resamples that way).
 */
import { emaSeries } from './indicators.ts';
import { marketStructure, type Direction, type StructureEvent } from './structure.ts';
import type { Candle, Timeframe } from '../types.ts';

export type Trend = 'up' | 'down' | 'range';

export interface ContextTrend {
	timeframe: Timeframe;
	trend: Trend;
	structureTrend: Direction | null;
	/** EMA slope in % of price per bar; null with too few candles. */
	emaSlopePct: number | null;
	emaLength: number;
	/** The EMA's vote: null when flat (within ±FLAT_SLOPE_PCT) or undefined. */
	emaVote: Direction | null;
	lastEvent: StructureEvent | null;
}

/** The usual context for each execution timeframe (the workflow presets: 5m→1h, 15m→4h, 1h→1d). */
export const DEFAULT_CONTEXT: Record<Timeframe, Timeframe> = { '5m': '1h', '15m': '4h', '1h': '1d', '4h': '1d', '1d': '1d' };

export const FLAT_SLOPE_PCT = 0.01;
const SLOPE_BARS = 5;

export function contextTrend(candles: readonly Candle[], timeframe: Timeframe, swingLength: number): ContextTrend {
	const structure = marketStructure(candles, swingLength);
	const emaLength = Math.max(2, Math.min(50, Math.floor(candles.length / 2)));
	const ema = emaSeries(candles.map((c) => c.close), emaLength);
	const now = ema[ema.length - 1] ?? null;
	const before = ema[ema.length - 1 - SLOPE_BARS] ?? null;
	const emaSlopePct = now !== null && before !== null ? (100 * (now - before)) / before / SLOPE_BARS : null;
	const emaVote: Direction | null =
		emaSlopePct === null || Math.abs(emaSlopePct) < FLAT_SLOPE_PCT ? null : emaSlopePct > 0 ? 'up' : 'down';
	const votes = [structure.trend, emaVote].filter((v): v is Direction => v !== null);
	const trend: Trend = votes.length === 0 || (votes.length === 2 && votes[0] !== votes[1]) ? 'range' : votes[0];
	const lastEvent = structure.events[structure.events.length - 1] ?? null;
	return { timeframe, trend, structureTrend: structure.trend, emaSlopePct, emaLength, emaVote, lastEvent };
}
