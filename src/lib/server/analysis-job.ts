/**
 * One server analysis as a self-contained job: the embedded sample or a set of exchange series, and the parameters.
 * `analyzeSeriesSet` is the one function that analyses live series (the CLI calls it in process); `runAnalysisJob`
 * wraps it (or the sample) and returns plain data (`analysisToJson` and one outcome per series), so the same job runs
 * in a worker thread of the analysis pool (`analysis-pool.ts`) or in process, with identical results.
 *
 * Series cross to a worker as columns (`CandleColumns`: ms open time, USDT prices, BTC volume; open interest as
 * ms times and USDT notional), copied from the cached arrays, which stay untouched.
 */
import { aggregateAnalyses, type ClusterAgreement } from '../core/analysis/aggregate.ts';
import { analysisToJson } from '../core/analysis/analysis-json.ts';
import { analyze, AnalysisError, type Analysis, type ModelKind, type OpenInterestPoint } from '../core/analysis/analyze.ts';
import type { AnalysisParams } from '../core/analysis/params.ts';
import type { Candle } from '../core/types.ts';
import { candlesToColumns, columnsToCandles, type CandleColumns } from '../workers/analysis-pack.ts';
import { sampleCandles } from './sample-source.ts';

/** One exchange's series as the analysis reads it. */
export interface SeriesCandles {
	name: string;
	candles: Candle[];
	openInterest: OpenInterestPoint[];
}

/** What one series gave: its analysed candle count and model, or why it could not be analysed. */
export type SeriesOutcome = { candles: number; openInterestCandles: number; modelKind: ModelKind } | { error: string };

export interface SeriesSetAnalysis {
	/** The analysis (the sum of the series in aggregate mode); null when no series could be analysed. */
	analysis: Analysis | null;
	outcomes: SeriesOutcome[];
	agreement: ClusterAgreement[] | null;
}

/** Analyses each series; with `aggregate`, sums their maps (`aggregateAnalyses`). An `AnalysisError` is an outcome. */
export function analyzeSeriesSet(series: readonly SeriesCandles[], params: AnalysisParams, aggregate: boolean): SeriesSetAnalysis {
	const analysed: { name: string; analysis: Analysis }[] = [];
	const outcomes: SeriesOutcome[] = series.map((s) => {
		try {
			const analysis = analyze({ candles: s.candles, openInterest: s.openInterest }, params);
			analysed.push({ name: s.name, analysis });
			return { candles: analysis.candles.length, openInterestCandles: analysis.openInterestCandles, modelKind: analysis.modelKind };
		} catch (error) {
			if (error instanceof AnalysisError) return { error: error.message };
			throw error;
		}
	});
	if (analysed.length === 0) return { analysis: null, outcomes, agreement: null };
	if (!aggregate) return { analysis: analysed[0].analysis, outcomes, agreement: null };
	const sum = aggregateAnalyses(analysed, params);
	return { analysis: sum.analysis, outcomes, agreement: sum.agreement };
}

interface SeriesColumns {
	name: string;
	candles: CandleColumns;
	openInterest: { time: Float64Array; notional: Float64Array };
}

export type AnalysisJob = { params: AnalysisParams } & ({ sample: true } | { sample: false; series: SeriesColumns[]; aggregate: boolean });

export type AnalysisJson = ReturnType<typeof analysisToJson>;

export interface AnalysisJobResult {
	json: AnalysisJson | null;
	outcomes: SeriesOutcome[];
	agreement: ClusterAgreement[] | null;
}

/** Where jobs run: the analysis pool, or in process (`inProcessRunner`). */
export interface JobRunner {
	run(job: AnalysisJob, key?: string): Promise<AnalysisJobResult>;
}

/** A live job: the series as columns (fresh buffers, safe to transfer to a worker). */
export function liveJob(series: readonly SeriesCandles[], params: AnalysisParams, aggregate: boolean): AnalysisJob {
	const columns = series.map((s) => ({
		name: s.name,
		candles: candlesToColumns(s.candles),
		openInterest: { time: Float64Array.from(s.openInterest, (p) => p.time), notional: Float64Array.from(s.openInterest, (p) => p.notional) }
	}));
	return { params, sample: false, series: columns, aggregate };
}

/** The buffers of a job that may be moved (not copied) to a worker. */
export function jobTransferList(job: AnalysisJob): ArrayBuffer[] {
	if (job.sample) return [];
	return job.series.flatMap((s) => [...Object.values(s.candles), s.openInterest.time, s.openInterest.notional].map((array) => array.buffer as ArrayBuffer));
}

/** Runs a job: what a pool worker does, and what the in-process runner does. */
export function runAnalysisJob(job: AnalysisJob): AnalysisJobResult {
	const series: SeriesCandles[] = job.sample
		? [{ name: 'sample', candles: sampleCandles(), openInterest: [] }]
		: job.series.map((s) => ({
				name: s.name,
				candles: columnsToCandles(s.candles),
				openInterest: Array.from(s.openInterest.time, (time, i) => ({ time, notional: s.openInterest.notional[i] }))
			}));
	const result = analyzeSeriesSet(series, job.params, !job.sample && job.aggregate);
	return { json: result.analysis ? analysisToJson(result.analysis) : null, outcomes: result.outcomes, agreement: result.agreement };
}
