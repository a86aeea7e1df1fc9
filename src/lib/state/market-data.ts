/**
 * Candles from a source other than the embedded sample (a live exchange through `/api/candles`, or an imported CSV),
 * as the workspace receives them, and what their analysis returns to the page. The analysis itself is core's
 * `analyzeMarket()` (`core/analysis/market-analysis.ts`), run in the worker.
 *
 * Units: candle times ms UTC (open), prices USDT, volume BTC, open interest USDT notional (see `core/types.ts`).
 */
import type { ClusterAgreement } from '$lib/core/analysis/aggregate.ts';
import type { Analysis } from '$lib/core/analysis/analyze.ts';
import type { MarketSeries } from '$lib/core/analysis/market-analysis.ts';
import type { Timeframe } from '$lib/core/types.ts';

export type { MarketSeries } from '$lib/core/analysis/market-analysis.ts';

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
