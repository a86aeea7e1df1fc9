/**
 * Walk-forward calibration: how often were the map's clusters actually reached, against how often ANY level at the
 * same distance was reached? Without that baseline a hit-rate means nothing (near levels are always hit more often).
 *
 * - Evaluation times t = warm-up, warm-up + N, … (N = horizon in bars), so outcomes never overlap. At each t the map is
 *   the engine's state after candle t, built from every candle up to t (causal: the analysis' own `ModelRun` fed
 *   candle by candle, its bin width fixed at the first candle's; the chart's lookback window is not applied: each
 *   evaluation sees all the history before it),
 *   clusters are scored on the last `window` candles known at t, and the strongest cluster (by intensity) above and
 *   below within `reach` ATR is taken.
 * - Event: distance d = |near edge − close_t| / ATR_t. Hit: a candle in (t, t + N] trades into the cluster's range.
 *   Reaction: from the first touch j, the close M bars later minus the cluster's centre, in ATR_t, signed so that
 *   positive = continuation through the cluster, negative = reversal.
 * - Baseline for an event: the share of ALL evaluation times t' whose next N bars moved at least d·ATR_t' the same way
 *   (up for clusters above, down for below). Baseline rate of a group = mean baseline of its events.
 *   Lift = hit-rate / baseline rate.
 * - Uncertainty: Wilson 95 % interval for hit-rates (z = 1.96); lift interval = 2.5–97.5 % percentiles of the lift over
 *   `bootstrap` resamples of the evaluation times (seeded mulberry32), so clustered events stay together.
 * - Verdict as a code (`CalibrationVerdict`, worded by the UI and the CLI): too few events (< 20) to say; no evidence
 *   when the lift's interval includes 1; clusters reached more (interval above 1) or less (below 1) often than levels
 *   at the same distance, with the lift and its interval.
 */
import { confluenceInput, scoreClusters } from '../confluence/confluence.ts';
import { confluenceAnalysis } from '../confluence/confluence-analysis.ts';
import { StreamingAtr } from '../confluence/indicators.ts';
import { ModelRun } from '../analysis/analyze.ts';
import type { AnalysisParams } from '../analysis/params.ts';
import { autoBinWidth } from '../model/price-bins.ts';
import { TIMEFRAME_MS } from '../market/resample.ts';
import { seededRandom } from '../market/synthetic.ts';
import type { Candle, Side } from '../types.ts';

export interface CalibrationOptions {
	/** Bars after an evaluation time in which a touch counts (N). */
	horizon: number;
	/** Largest distance (ATR) of a cluster to be evaluated. */
	reach: number;
	/** Bars after the touch over which the reaction is measured (M). */
	reactionBars: number;
	seed: number;
	bootstrap: number;
	/** Candles before the first evaluation time (the map and indicators need history). */
	warmUp: number;
	/** Candles (most recent) on which clusters are scored at each evaluation time. */
	window: number;
}

export const DEFAULT_CALIBRATION: CalibrationOptions = { horizon: 48, reach: 3, reactionBars: 12, seed: 1, bootstrap: 1000, warmUp: 300, window: 500 };

export interface CalibrationEvent {
	time: number;
	side: Side;
	score: number;
	distanceAtr: number;
	hit: boolean;
	baseline: number;
	/** Move after the touch in ATR (positive = continuation), null without a touch or bars to measure. */
	reactionAtr: number | null;
}

export interface RateSummary {
	hits: number;
	events: number;
	hitRate: number | null;
	hitRateCi: [number, number] | null;
	baselineRate: number | null;
	lift: number | null;
	liftCi: [number, number] | null;
}

export interface ScoreBucketSummary {
	/** The bucket's score range: low ≤ score < high (≤ 100 for the last). */
	low: number;
	high: number;
	events: number;
	hitRate: number | null;
	hitRateCi: [number, number] | null;
	baselineRate: number | null;
}

/** Fewer events than this and the verdict is "too few events". */
export const MIN_VERDICT_EVENTS = 20;

export type CalibrationVerdict =
	| { code: 'too-few-events'; events: number }
	| { code: 'no-evidence' }
	| { code: 'reached-more-often' | 'reached-less-often'; lift: number; liftCi: [number, number] };

export interface Calibration {
	events: number;
	period: { from: number; to: number } | null;
	options: CalibrationOptions;
	overall: RateSummary;
	sides: { long: RateSummary; short: RateSummary };
	byScore: ScoreBucketSummary[];
	reaction: { touches: number; continuationShare: number | null; meanMoveAtr: number | null };
	verdict: CalibrationVerdict;
	detail: CalibrationEvent[];
}

const Z95 = 1.96;
export const SCORE_BUCKETS: readonly [number, number][] = [
	[0, 25],
	[25, 50],
	[50, 75],
	[75, 100]
];

/** Wilson score interval for k successes in n trials (95 %): the interval a published table gives, in [0, 1]. */
export function wilsonInterval(hits: number, events: number, z = Z95): [number, number] | null {
	if (events === 0) return null;
	const p = hits / events;
	const z2 = z * z;
	const centre = (p + z2 / (2 * events)) / (1 + z2 / events);
	const half = (z * Math.sqrt((p * (1 - p)) / events + z2 / (4 * events * events))) / (1 + z2 / events);
	return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** An evaluation time and the largest moves of the N bars after it (the baseline's raw data, `baseline-curve.ts`). */
export interface Outcome {
	time: number;
	close: number;
	atr: number;
	/** Largest rise / fall over the next N bars, ATR. */
	upAtr: number;
	downAtr: number;
}

function summarize(events: readonly CalibrationEvent[], groups: readonly CalibrationEvent[][] | null, options: CalibrationOptions): RateSummary {
	const hits = events.filter((e) => e.hit).length;
	const baselineRate = events.length ? events.reduce((s, e) => s + e.baseline, 0) / events.length : null;
	const hitRate = events.length ? hits / events.length : null;
	const lift = hitRate !== null && baselineRate ? hitRate / baselineRate : null;
	let liftCi: [number, number] | null = null;
	if (groups && events.length > 0) {
		const random = seededRandom(options.seed);
		const lifts: number[] = [];
		for (let b = 0; b < options.bootstrap; b++) {
			let h = 0;
			let n = 0;
			let base = 0;
			for (let k = 0; k < groups.length; k++) {
				for (const event of groups[Math.floor(random() * groups.length)]) {
					n++;
					if (event.hit) h++;
					base += event.baseline;
				}
			}
			if (n > 0 && base > 0) lifts.push(h / n / (base / n));
		}
		lifts.sort((a, b) => a - b);
		if (lifts.length) liftCi = [lifts[Math.floor(0.025 * (lifts.length - 1))], lifts[Math.ceil(0.975 * (lifts.length - 1))]];
	}
	return { hits, events: events.length, hitRate, hitRateCi: wilsonInterval(hits, events.length), baselineRate, lift, liftCi };
}

function verdictOf(overall: RateSummary): CalibrationVerdict {
	if (overall.events < MIN_VERDICT_EVENTS) return { code: 'too-few-events', events: overall.events };
	if (!overall.liftCi || overall.lift === null) return { code: 'no-evidence' };
	const [lo, hi] = overall.liftCi;
	if (lo <= 1 && hi >= 1) return { code: 'no-evidence' };
	return { code: lo > 1 ? 'reached-more-often' : 'reached-less-often', lift: overall.lift, liftCi: [lo, hi] };
}

type CalibrationParams = Pick<AnalysisParams, 'timeframe' | 'contextTimeframe' | 'swingLength' | 'model' | 'weights'>;

/** Walk-forward calibration over candles of one timeframe, with the analysis parameters in use. */
export function calibrate(candles: readonly Candle[], params: CalibrationParams, options: CalibrationOptions = DEFAULT_CALIBRATION): Calibration {
	return calibrationRun(candles, params, options).calibration;
}

/** The calibration and its evaluation times' outcomes (the baseline curve is built from them, not measured again). */
export function calibrationRun(
	candles: readonly Candle[],
	params: CalibrationParams,
	options: CalibrationOptions = DEFAULT_CALIBRATION
): { calibration: Calibration; outcomes: Outcome[] } {
	const { horizon, reach } = options;
	const candleMs = TIMEFRAME_MS[params.timeframe];
	// The bin width is fixed at the first candle's (automatic or the user's), so every evaluation bins alike.
	const model = { ...params.model, binWidth: params.model.binWidth ?? autoBinWidth(candles[0].close) };
	const frame = { candles: candles as Candle[], candleMs, openInterest: null };
	const run = new ModelRun(frame, model, false, 1);
	const streamingAtr = new StreamingAtr();
	streamingAtr.add(candles[0]);
	const outcomes: Outcome[] = [];
	const raw: Omit<CalibrationEvent, 'baseline'>[] = [];
	let next = Math.max(options.warmUp, 15);
	for (let t = 1; t < candles.length; t++) {
		run.extend(frame, t + 1);
		const atr = streamingAtr.add(candles[t]);
		if (t !== next || t + horizon >= candles.length) continue;
		next += horizon;
		if (!atr) continue;
		const close = candles[t].close;
		let highest = -Infinity;
		let lowest = Infinity;
		for (let j = t + 1; j <= t + horizon; j++) {
			highest = Math.max(highest, candles[j].high);
			lowest = Math.min(lowest, candles[j].low);
		}
		outcomes.push({ time: candles[t].time, close, atr, upAtr: (highest - close) / atr, downAtr: (close - lowest) / atr });
		const known = candles.slice(Math.max(0, t + 1 - options.window), t + 1);
		const { clusters } = run.mapAndClusters(close, atr);
		const inReach = clusters.filter((c) => c.distanceAtr !== null && Math.abs(c.distanceAtr) <= reach);
		if (inReach.length === 0) continue;
		const confluence = confluenceAnalysis(known, params);
		// Scored with the ATR of the whole history (as the distances), not the window's own.
		const scored = scoreClusters(inReach, confluenceInput(known, { ...confluence, atr }, params.weights));
		for (const above of [true, false]) {
			const cluster = scored.filter((c) => (c.distancePct > 0) === above).sort((a, b) => b.intensity - a.intensity)[0];
			if (!cluster) continue;
			const edge = above ? cluster.low : cluster.high;
			const distanceAtr = Math.max(0, (above ? edge - close : close - edge) / atr);
			let touch = -1;
			for (let j = t + 1; j <= t + horizon && touch < 0; j++) if (candles[j].low <= cluster.high && candles[j].high >= cluster.low) touch = j;
			const after = touch >= 0 ? candles[touch + options.reactionBars] : undefined;
			const reactionAtr = after ? ((above ? 1 : -1) * (after.close - cluster.price)) / atr : null;
			raw.push({ time: candles[t].time, side: above ? 'short' : 'long', score: cluster.score, distanceAtr, hit: touch >= 0, reactionAtr });
		}
	}
	const events: CalibrationEvent[] = raw.map((event) => {
		const reached = outcomes.filter((o) => (event.side === 'short' ? o.upAtr : o.downAtr) >= event.distanceAtr).length;
		return { ...event, baseline: outcomes.length ? reached / outcomes.length : 0 };
	});
	const groupsOf = (list: CalibrationEvent[]) => {
		const byTime = new Map<number, CalibrationEvent[]>();
		for (const event of list) byTime.set(event.time, [...(byTime.get(event.time) ?? []), event]);
		return [...byTime.values()];
	};
	const longs = events.filter((e) => e.side === 'long');
	const shorts = events.filter((e) => e.side === 'short');
	const overall = summarize(events, groupsOf(events), options);
	const touched = events.filter((e) => e.reactionAtr !== null);
	const calibration: Calibration = {
		events: events.length,
		period: outcomes.length ? { from: outcomes[0].time, to: outcomes[outcomes.length - 1].time } : null,
		options,
		overall,
		sides: { long: summarize(longs, groupsOf(longs), options), short: summarize(shorts, groupsOf(shorts), options) },
		byScore: SCORE_BUCKETS.map(([lo, hi]) => {
			const inBucket = events.filter((e) => e.score >= lo && (hi === 100 ? e.score <= hi : e.score < hi));
			const { hitRate, hitRateCi, baselineRate } = summarize(inBucket, null, options);
			return { low: lo, high: hi, events: inBucket.length, hitRate, hitRateCi, baselineRate };
		}),
		reaction: {
			touches: touched.length,
			continuationShare: touched.length ? touched.filter((e) => e.reactionAtr! > 0).length / touched.length : null,
			meanMoveAtr: touched.length ? touched.reduce((s, e) => s + e.reactionAtr!, 0) / touched.length : null
		},
		verdict: verdictOf(overall),
		detail: events
	};
	return { calibration, outcomes };
}
