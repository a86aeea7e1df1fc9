/**
 * One server analysis as a self-contained job: the embedded sample or a set of exchange series, and the parameters.
 * `runAnalysisJob` runs core's `analyzeMarket` (the one analysis entry point; the CLI calls it in process) on the
 * sample or the series and returns plain data (`analysisToJson` and one outcome per series), so the same job runs
 * in a worker thread of the analysis pool (`analysis-pool.ts`) or in process, with identical results.
 *
 * Series cross to a worker as columns (`CandleColumns`: ms open time, USDT prices, BTC volume; open interest as
 * ms times and USDT notional), copied from the cached arrays, which stay untouched.
 */
import type { ClusterAgreement } from '../core/analysis/aggregate.ts';
import { analysisToJson, type AnalysisJson } from '../wording/analysis-json.ts';
import { analyzeMarket, type MarketSeries, type SeriesOutcome } from '../core/analysis/market-analysis.ts';
import type { AnalysisParams } from '../core/analysis/params.ts';
import { candlesToColumns, columnsToCandles, type CandleColumns } from '../workers/analysis-pack.ts';
import { sampleCandles } from './sample-source.ts';

export type { AnalysisJson } from '../wording/analysis-json.ts';
export type { SeriesOutcome } from '../core/analysis/market-analysis.ts';

interface SeriesColumns {
	name: string;
	candles: CandleColumns;
	openInterest: { time: Float64Array; notional: Float64Array };
}

export type AnalysisJob = { params: AnalysisParams } & ({ sample: true } | { sample: false; series: SeriesColumns[]; aggregate: boolean });

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
export function liveJob(series: readonly MarketSeries[], params: AnalysisParams, aggregate: boolean): AnalysisJob {
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
	const series: MarketSeries[] = job.sample
		? [{ name: 'sample', candles: sampleCandles(), openInterest: [] }]
		: job.series.map((s) => ({
				name: s.name,
				candles: columnsToCandles(s.candles),
				openInterest: Array.from(s.openInterest.time, (time, i) => ({ time, notional: s.openInterest.notional[i] }))
			}));
	const result = analyzeMarket(series, job.params, { aggregate: !job.sample && job.aggregate });
	return { json: result.analysis ? analysisToJson(result.analysis) : null, outcomes: result.outcomes, agreement: result.agreement };
}
