/**
 * The History check's state: the walk-forward calibration (`core/calibration.ts`) of the current timeframe and model
 * on all loaded candles, computed in the worker, with the user's horizon (bars) and reach (ATR). Only the parameters
 * the calibration reads trigger a new run (not the lookback, the display or history mode).
 *
 * Its "Realised liquidations" section (`realised`) measures the map against recorded prints, on the server.
 *
 * It also answers, for any cluster, the measured hit-rate of its score bucket and the baseline at its distance
 * (`baseline-curve.ts`): distance is measured like the calibration's, from the last close to the cluster's NEAR edge,
 * in ATR(14).
 */
import { DEFAULT_CALIBRATION, SCORE_BUCKETS, type CalibrationOptions } from '$lib/core/calibration/calibration.ts';
import type { ScoredCluster } from '$lib/core/confluence/confluence.ts';
import type { AnalysisParams } from '$lib/core/analysis/params.ts';
import { baselineAt } from '$lib/workers/baseline-curve.ts';
import type { DataInfo } from '$lib/workers/analysis-protocol.ts';
import type { AnalysisWorker, CalibrationResult } from './analysis-worker.svelte.ts';
import { bucketLabel } from '$lib/wording/ui.ts';
import { RealisedCheck } from './realised-check.svelte.ts';

/** Horizon choices in bars of the timeframe, and reach choices in ATR. */
export const HORIZONS: readonly number[] = [12, 24, 48, 96, 192];
export const REACHES: readonly number[] = [1, 2, 3, 5, 8];

/** What history says about one cluster. */
export interface ClusterEvidence {
	/** Score bucket label, e.g. "50–75". */
	bucket: string;
	/** Hit-rate of clusters in that bucket (0–1), null without events. */
	hitRate: number | null;
	events: number;
	/** Share of evaluation times whose move reached the cluster's distance (0–1). */
	baseline: number | null;
	/** Distance from the last close to the cluster's near edge, ATR. */
	distanceAtr: number;
	/** The cluster lies beyond the reach the calibration measured. */
	beyondReach: boolean;
	/** The calibration's reach (ATR): only clusters this close were measured. */
	reach: number;
	horizon: number;
	/**
	 * Lift of the score bucket where it was measured: its hit-rate ÷ the baseline of the same events (levels at the
	 * same distances), with the Wilson 95 % interval of the hit-rate ÷ that baseline; null without events.
	 */
	lift: { value: number; interval: [number, number] | null } | null;
}

export class HistoryCheck {
	/** The map against the liquidation prints the server recorded (its "Realised liquidations" section). */
	readonly realised = new RealisedCheck();
	#horizon = $state(DEFAULT_CALIBRATION.horizon);
	#reach = $state(DEFAULT_CALIBRATION.reach);
	#result = $state.raw<CalibrationResult | null>(null);
	#error = $state<string | null>(null);
	#worker = $state.raw<AnalysisWorker | null>(null);
	#key = '';
	#until = $state<number | null>(null);

	get horizon(): number {
		return this.#horizon;
	}
	set horizon(bars: number) {
		this.#horizon = bars;
	}
	get reach(): number {
		return this.#reach;
	}
	set reach(atr: number) {
		this.#reach = atr;
	}
	get result(): CalibrationResult | null {
		return this.#result;
	}
	get error(): string | null {
		return this.#error;
	}
	/** A calibration is running (or none has been asked for yet). */
	get computing(): boolean {
		return this.#worker ? this.#worker.busy('calibration') : true;
	}

	/** The options sent to `calibrate()`; the reaction is measured over a quarter of the horizon (as the CLI does). */
	get options(): CalibrationOptions {
		return { ...DEFAULT_CALIBRATION, horizon: this.#horizon, reach: this.#reach, reactionBars: Math.max(1, Math.round(this.#horizon / 4)) };
	}

	/**
	 * Runs the calibration if the data (`data`: what the worker holds) or the parameters it depends on changed since
	 * the last run. Reads horizon and reach. `until` (ms UTC): a replay's time; only the bars open at or before it are
	 * measured, so nothing after the replay bar leaks into the evidence. Null: all loaded candles.
	 */
	update(worker: AnalysisWorker, params: AnalysisParams, data: DataInfo, until: number | null = null): void {
		const options = this.options;
		const { timeframe, contextTimeframe, swingLength, model, weights } = params;
		const key = JSON.stringify([data, timeframe, contextTimeframe, swingLength, model, weights, options, until]);
		if (key === this.#key) return;
		this.#key = key;
		if (this.#worker !== worker) this.#worker = worker;
		void this.#run(worker, data.series, params, options, until);
	}

	/** The replay time the shown result was measured up to (ms UTC), null when measured on all loaded candles. */
	get until(): number | null {
		return this.#until;
	}

	async #run(worker: AnalysisWorker, series: string, params: AnalysisParams, options: CalibrationOptions, until: number | null): Promise<void> {
		try {
			const result = await worker.calibrate(series, params, options, until);
			if (!result) return;
			this.#result = result;
			this.#until = until;
			this.#error = null;
		} catch (error) {
			this.#error = error instanceof Error ? error.message : String(error);
			this.#key = '';
		}
	}

	/** The evidence for one cluster of the analysis whose last close and ATR are given; null before a result. */
	evidence(cluster: ScoredCluster, lastClose: number, atr: number | null): ClusterEvidence | null {
		const result = this.#result;
		if (!result || !atr) return null;
		const index = SCORE_BUCKETS.findIndex(([lo, hi]) => cluster.score >= lo && (hi === 100 ? cluster.score <= hi : cluster.score < hi));
		const bucket = result.calibration.byScore[index];
		if (!bucket) return null;
		const above = cluster.distancePct > 0;
		const distanceAtr = Math.max(0, (above ? cluster.low - lastClose : lastClose - cluster.high) / atr);
		return {
			bucket: bucketLabel(bucket),
			hitRate: bucket.hitRate,
			events: bucket.events,
			baseline: baselineAt(result.baseline, above ? 'short' : 'long', distanceAtr),
			distanceAtr,
			beyondReach: distanceAtr > result.calibration.options.reach,
			reach: result.calibration.options.reach,
			horizon: result.calibration.options.horizon,
			lift:
				bucket.hitRate !== null && bucket.baselineRate
					? {
							value: bucket.hitRate / bucket.baselineRate,
							interval: bucket.hitRateCi ? [bucket.hitRateCi[0] / bucket.baselineRate, bucket.hitRateCi[1] / bucket.baselineRate] : null
						}
					: null
		};
	}
}
