/**
 * `analyzeMarket()`: the one entry point for an analysis of market data, whoever asks (the browser's worker, the API's
 * pool, the CLI, a replay bar). Series in, parameters in, result out: one series is analysed on its own; several
 * (aggregate mode) are each analysed and their maps summed by `aggregateAnalyses()`, with each cluster's agreement
 * ("3/3 exchanges", "Bybit only").
 *
 * - Reuse: with `caches` (one `AnalysisCache` per series name, `SeriesCaches`), each series goes through its cache, so a
 *   settings change recomputes only what depends on it and a live poll (`live: true`) feeds the engine only the candles
 *   that closed; without, each series is a fresh `analyze()`. Both give identical results
 *   (tests/analysis/analysis-cache.test.ts).
 * - Failures: a series the analysis refuses (`AnalysisError`: too few candles, a timeframe its candles cannot build)
 *   is an outcome naming why, and is left out of the sum; other errors are thrown. `analysis` is null when no series
 *   could be analysed.
 *
 * Units: candle times ms UTC (open), prices USDT, volume BTC, open interest USDT notional (see `core/types.ts`).
 */
import { aggregateAnalyses, type ClusterAgreement } from './aggregate.ts';
import { AnalysisCache } from './analysis-cache.ts';
import { analyze, AnalysisError, type Analysis, type ModelKind, type OpenInterestPoint } from './analyze.ts';
import type { AnalysisParams } from './params.ts';
import type { Candle } from '../types.ts';

/** One exchange's (or one file's) candles. */
export interface MarketSeries {
	/** Display name: the exchange's ("Bybit"), or the file name. */
	name: string;
	/** Closed candles, oldest first. */
	candles: Candle[];
	/** Open interest (USDT notional), oldest first; empty when there is none. */
	openInterest: OpenInterestPoint[];
}

/** What one series gave: its analysed candle count and model, or why it could not be analysed. */
export type SeriesOutcome = { candles: number; openInterestCandles: number; modelKind: ModelKind } | { error: string };

export interface MarketAnalysis {
	/** The analysis (the sum of the series in aggregate mode); null when no series could be analysed. */
	analysis: Analysis | null;
	/** One per input series, same order. */
	outcomes: SeriesOutcome[];
	/** One entry per cluster of `analysis.clusters` in aggregate mode, null otherwise. */
	agreement: ClusterAgreement[] | null;
}

export interface MarketAnalysisOptions {
	/** Sum the series (default: when there are several). */
	aggregate?: boolean;
	/** Per-series caches to reuse (`SeriesCaches`, or any holder of one cache per series name); absent: every series is
	 * analysed afresh. */
	caches?: CacheHolder;
	/** The series extend the ones the caches saw (a live poll): only new candles are fed. */
	live?: boolean;
}

/** Where the analysis finds each series' cache, by name; `keepOnly` lets a holder drop the caches of absent series. */
export interface CacheHolder {
	of(name: string): AnalysisCache;
	keepOnly?(names: readonly string[]): void;
}

/** One `AnalysisCache` per series name; names no longer asked for are dropped. */
export class SeriesCaches implements CacheHolder {
	readonly #caches = new Map<string, AnalysisCache>();

	/** The cache of a series (created on first use). */
	of(name: string): AnalysisCache {
		let cache = this.#caches.get(name);
		if (!cache) this.#caches.set(name, (cache = new AnalysisCache()));
		return cache;
	}

	/** Drops the caches of series not in `names`. */
	keepOnly(names: readonly string[]): void {
		for (const name of this.#caches.keys()) if (!names.includes(name)) this.#caches.delete(name);
	}
}

/** The analysis of one series or several summed; see the module comment. */
export function analyzeMarket(series: readonly MarketSeries[], params: AnalysisParams, options: MarketAnalysisOptions = {}): MarketAnalysis {
	const { caches, live = false } = options;
	caches?.keepOnly?.(series.map((s) => s.name));
	const analysed: { name: string; analysis: Analysis }[] = [];
	const outcomes: SeriesOutcome[] = series.map((s) => {
		const input = { candles: s.candles, openInterest: s.openInterest };
		try {
			const analysis = caches ? caches.of(s.name).analyze(input, params, { live }) : analyze(input, params);
			analysed.push({ name: s.name, analysis });
			return { candles: analysis.candles.length, openInterestCandles: analysis.openInterestCandles, modelKind: analysis.modelKind };
		} catch (error) {
			if (error instanceof AnalysisError) return { error: error.message };
			throw error;
		}
	});
	if (analysed.length === 0) return { analysis: null, outcomes, agreement: null };
	if (!(options.aggregate ?? series.length > 1)) return { analysis: analysed[0].analysis, outcomes, agreement: null };
	const sum = aggregateAnalyses(analysed, params);
	return { analysis: sum.analysis, outcomes, agreement: sum.agreement };
}

/** The analysis, or the first refusal thrown as an `AnalysisError` (the browser shows one message, sums nothing partial). */
export function requireAnalysis(result: MarketAnalysis): Analysis {
	const refused = result.outcomes.find((outcome) => 'error' in outcome);
	if (refused && 'error' in refused) throw new AnalysisError(refused.error);
	return result.analysis!;
}
