/**
 * Messages between the page and the analysis worker. Each request carries an id and a channel; within a channel only
 * the newest request matters (the worker skips queued older ones, the page drops answers to them), so a burst of
 * control changes or replay steps never queues stale work.
 */
import type { ClusterAgreement } from '$lib/core/analysis/aggregate.ts';
import type { OpenInterestPoint } from '$lib/core/analysis/analyze.ts';
import type { AnalysisParams } from '$lib/core/analysis/params.ts';
import type { Calibration, CalibrationOptions } from '$lib/core/calibration/calibration.ts';
import type { CandleColumns, PackedAnalysis } from './analysis-pack.ts';
import type { BaselineCurve } from './baseline-curve.ts';

/**
 * `view`: the loaded data's analysis; `replay`: the analysis cut at the replay bar; `calibration`: the History check;
 * `market`: live or imported series (one, or several summed) analysed as sent.
 */
export type Channel = 'data' | 'view' | 'replay' | 'calibration' | 'market';

/** One exchange's (or file's) series for a `market` request: candles as transferred columns, open interest as sent. */
export interface MarketSeriesMessage {
	name: string;
	candles: CandleColumns;
	openInterest: OpenInterestPoint[];
}

export type WorkerRequest =
	/** Fetch and decode a candle pack (JSON, `core/candle-pack.ts`); the candles stay in the worker. */
	| { id: number; channel: 'data'; type: 'load'; url: string }
	/** Use these base candles instead (columns, transferred), e.g. imported or live data. */
	| { id: number; channel: 'data'; type: 'candles'; candles: CandleColumns }
	/** `until`: ms UTC; analyse only the data known at the close of the timeframe bar open at or before it. */
	| { id: number; channel: 'view' | 'replay'; type: 'analyze'; params: AnalysisParams; until: number | null }
	/** `until`: ms UTC; calibrate only on the bars open at or before it (a replay's History check), null for all. */
	| { id: number; channel: 'calibration'; type: 'calibrate'; params: AnalysisParams; options: CalibrationOptions; until: number | null }
	/**
	 * Analyse these series (several: summed, with each cluster's agreement); the base candles are not changed. `live`:
	 * a polled exchange feed, whose closed candles extend the previous request's (`core/analysis-cache.ts`).
	 */
	| { id: number; channel: 'market'; type: 'analyze-market'; series: MarketSeriesMessage[]; params: AnalysisParams; live: boolean };

/** Where a replay stands among the timeframe's bars (open times, ms UTC). */
export interface ReplayPosition {
	/** The bar the analysis ends with. */
	time: number;
	previous: number | null;
	next: number | null;
	/** First and last bar a replay may start from. */
	first: number;
	last: number;
}

export interface DataInfo {
	/** Base candles held by the worker. */
	count: number;
	/** Open times of the first and last base candle (ms UTC). */
	from: number;
	to: number;
}

export type WorkerResponse =
	| { id: number; type: 'loaded'; info: DataInfo }
	| { id: number; type: 'analysis'; analysis: PackedAnalysis; replay: ReplayPosition | null; ms: number }
	| { id: number; type: 'calibration'; calibration: Calibration; baseline: BaselineCurve; candles: number; ms: number }
	| { id: number; type: 'market-analysis'; analysis: PackedAnalysis; agreement: ClusterAgreement[] | null; ms: number }
	| { id: number; type: 'error'; message: string };
