/**
 * Messages between the page and the analysis worker. Candles cross once: a series is registered under an id (the
 * embedded sample fetched by the worker itself, or columns sent by the page) and later extended by the candles that
 * closed since (`append`); analysis, replay and calibration requests name the series they use.
 *
 * Each request carries an id and a channel; within a channel other than `data` only the newest request matters (the
 * worker skips queued older ones, the page drops answers to them), so a burst of control changes or replay steps never
 * queues stale work. `data` messages are never skipped, and arrive in order before the requests that need them.
 */
import type { ClusterAgreement } from '$lib/core/analysis/aggregate.ts';
import type { OpenInterestPoint } from '$lib/core/analysis/analyze.ts';
import type { AnalysisParams, ScaleMode } from '$lib/core/analysis/params.ts';
import type { AnalysisScaleData } from '$lib/core/model/intensity-scale.ts';
import type { Calibration, CalibrationOptions } from '$lib/core/calibration/calibration.ts';
import type { CandleColumns, PackedAnalysis } from './analysis-pack.ts';
import type { BaselineCurve } from './baseline-curve.ts';

/**
 * `data`: registering and extending series; `view`: the shown analysis; `replay`: the analysis cut at the replay bar;
 * `calibration`: the History check.
 */
export type Channel = 'data' | 'view' | 'replay' | 'calibration';

/** Id of the embedded sample's series. */
export const SAMPLE_SERIES = 'sample';

export type WorkerRequest =
	/** Fetch and decode a candle pack (JSON, `core/market/candle-pack.ts`) as series `series`. */
	| { id: number; channel: 'data'; type: 'load'; series: string; url: string }
	/**
	 * Register series `series` (replacing one of that id): candles as transferred columns, oldest first. `name`: its
	 * display name (aggregate agreement). `live`: a polled exchange feed, whose appended candles extend the analysis
	 * incrementally (`core/analysis/analysis-cache.ts`).
	 */
	| {
			id: number;
			channel: 'data';
			type: 'register';
			series: string;
			name: string;
			live: boolean;
			candles: CandleColumns;
			openInterest: OpenInterestPoint[];
	  }
	/**
	 * Extend series `series`: drop its candles open before `from` and its open-interest points before
	 * `openInterestFrom` (ms UTC; a fixed-length window slides), then add `candles` (closed since, transferred columns)
	 * and `openInterest` (the points after its last one).
	 */
	| {
			id: number;
			channel: 'data';
			type: 'append';
			series: string;
			from: number;
			candles: CandleColumns;
			openInterestFrom: number;
			openInterest: OpenInterestPoint[];
	  }
	/** Forget series `series`. */
	| { id: number; channel: 'data'; type: 'drop'; series: string }
	/**
	 * Analyse `series` (several: summed, with each cluster's agreement). `until`: ms UTC; analyse only the data known at
	 * the close of the timeframe bar open at or before it (replay; the first series only). `scale`: the colour scale mode
	 * whose numbers the answer brings (`scales`), so the page does not compute them.
	 */
	| {
			id: number;
			channel: 'view' | 'replay';
			type: 'analyze';
			series: string[];
			params: AnalysisParams;
			until: number | null;
			scale: ScaleMode;
	  }
	/** `until`: ms UTC; calibrate on `series`' bars open at or before it (a replay's History check), null for all. */
	| { id: number; channel: 'calibration'; type: 'calibrate'; series: string; params: AnalysisParams; options: CalibrationOptions; until: number | null };

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
	/** Id of the series. */
	series: string;
	/** Candles the series holds. */
	count: number;
	/** Open times of its first and last candle (ms UTC). */
	from: number;
	to: number;
}

export type WorkerResponse =
	| { id: number; type: 'loaded'; info: DataInfo }
	| { id: number; type: 'dropped' }
	| {
			id: number;
			type: 'analysis';
			analysis: PackedAnalysis;
			/** One entry per cluster when several series were summed, else null. */
			agreement: ClusterAgreement[] | null;
			replay: ReplayPosition | null;
			/** The colour scales' numbers in the mode asked (percentile's sorted values transferred). */
			scales: AnalysisScaleData;
			ms: number;
	  }
	| { id: number; type: 'calibration'; calibration: Calibration; baseline: BaselineCurve; candles: number; ms: number }
	| { id: number; type: 'error'; message: string };
