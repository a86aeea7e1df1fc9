/**
 * `analyze()`: the one entry point that the UI, the API and the CLI call. It resamples 5-minute base candles to the
 * requested timeframe, keeps the lookback window, runs the liquidation engine over it, and returns the map, the clusters,
 * the estimated liquidations and (in history mode) the time-evolving grid.
 *
 * Units: see `types.ts`. ATR is Wilder's ATR(14) in USDT on the analysed timeframe.
 */
import type { AnalysisParams } from './params.ts';
import type {
	Candle,
	CandleGap,
	Cluster,
	EngineTotals,
	HistoryGrid,
	Liquidation,
	LiquidationMap,
	Timeframe
} from './types.ts';

export type ModelKind = 'volume-proxy' | 'open-interest';

export interface Analysis {
	timeframe: Timeframe;
	/** The analysed candles (resampled, lookback applied), oldest first. */
	candles: Candle[];
	/** Holes in the analysed candles (reported, never filled). */
	gaps: CandleGap[];
	lastClose: number;
	/** Open time (ms) of the last candle. */
	lastTime: number;
	/** ATR(14) at the last candle (USDT), null with fewer than 14 candles. */
	atr: number | null;
	modelKind: ModelKind;
	map: LiquidationMap;
	/** Clusters of both sides, strongest (by intensity) first. */
	clusters: Cluster[];
	liquidations: Liquidation[];
	history: HistoryGrid | null;
	totals: EngineTotals;
}

/** Optional open-interest series aligned with the base candles: notional open interest in USDT at each candle's close. */
export interface AnalysisInput {
	candles: Candle[];
	openInterest?: { time: number; notional: number }[] | null;
}

export function analyze(input: AnalysisInput, params: AnalysisParams): Analysis {
	void input;
	void params;
	throw new Error('analyze: not implemented yet');
}
