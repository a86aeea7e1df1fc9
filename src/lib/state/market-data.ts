/**
 * Candles from a source other than the embedded sample (a live exchange through `/api/candles`, or an imported CSV),
 * as the workspace receives them, and their analysis: `analyze()` per exchange, and for several exchanges the maps
 * summed by `aggregateAnalyses()` with each cluster's agreement ("3/3 exchanges", "Bybit only").
 *
 * Units: candle times ms UTC (open), prices USDT, volume BTC, open interest USDT notional (see `core/types.ts`).
 */
import { aggregateAnalyses, type ClusterAgreement } from '$lib/core/analysis/aggregate.ts';
import { analyze, type Analysis, type OpenInterestPoint } from '$lib/core/analysis/analyze.ts';
import type { AnalysisParams } from '$lib/core/analysis/params.ts';
import type { Candle, Timeframe } from '$lib/core/types.ts';

/** One exchange's (or one file's) candles. */
export interface MarketSeries {
	/** Display name: "Binance", "Bybit", "OKX", or the file name. */
	name: string;
	/** Closed candles, oldest first. */
	candles: Candle[];
	/** Open interest (USDT notional), oldest first; empty when there is none. */
	openInterest: OpenInterestPoint[];
}

export interface MarketData {
	/** One series, or several (aggregate mode); the first is the one charted. */
	series: MarketSeries[];
	/** The timeframe the candles were fetched at; null for an imported file (any timeframe it can build). */
	timeframe: Timeframe | null;
}

export interface MarketAnalysis {
	analysis: Analysis;
	/** One entry per cluster of `analysis.clusters` in aggregate mode, null for a single series. */
	agreement: ClusterAgreement[] | null;
}

/** How one series is analysed: `analyze()` by default; the worker passes its per-series caches. */
export type SeriesAnalyzer = (series: MarketSeries, params: AnalysisParams) => Analysis;

const analyzeSeries: SeriesAnalyzer = (series, params) => analyze({ candles: series.candles, openInterest: series.openInterest }, params);

/** The analysis of market data: one series analysed, or several analysed and summed. Throws `AnalysisError`. */
export function analyzeMarket(data: MarketData, params: AnalysisParams, analyzer: SeriesAnalyzer = analyzeSeries): MarketAnalysis {
	const analyses = data.series.map((series) => ({ name: series.name, analysis: analyzer(series, params) }));
	if (analyses.length === 1) return { analysis: analyses[0].analysis, agreement: null };
	const aggregate = aggregateAnalyses(analyses, params);
	return { analysis: aggregate.analysis, agreement: aggregate.agreement };
}
