/**
 * Display scales from a bin's notional (USDT) to a colour position 0–1. The brief warns that a scale can make medium
 * zones look extreme, so the user picks one and the legend shows the notional at each colour. Each mode first gives a
 * raw position r:
 * - `max`: r = v / max — linear, the largest bin is 1; honest about proportions, hides small zones;
 * - `percentile`: r = share of non-empty bins ≤ v — spreads colours evenly over the distribution;
 * - `log`: r = log10(1 + 999·v/max) / 3 — three decades between the faintest visible and the largest bin.
 *
 * Then "only the top stays bright": the bright fifth of the ramp (positions above 0.8, yellow-green to yellow) is kept
 * for the top `BRIGHT_SHARE` (5 %) of non-empty bins. With k = max(0.8, the raw position of the 95th-percentile
 * non-empty bin), the position is 0.8·r/k for r ≤ k and 0.8 + 0.2·(r − k)/(1 − k) above it (piecewise linear, so the
 * order of bins is kept and `inverse` stays exact). Without this knee, percentile puts 20 % of all bins above 0.8 by
 * construction and log about as many on the sample: a wall of yellow. The `max` scale rarely needs it (k = 0.8).
 * The 95th percentile is read from a histogram of r in `KNEE_BINS` steps (one pass, no sort of a history grid).
 *
 * `inverse` maps a colour position back to USDT, for legend labels.
 */
import type { Analysis } from '../analysis/analyze.ts';
import { percentileRank } from './clusters.ts';
import type { ScaleMode } from '../analysis/params.ts';

export interface IntensityScale {
	readonly mode: ScaleMode;
	/** Notional (USDT) → 0–1. */
	(notional: number): number;
	/** 0–1 → notional (USDT) at that colour position. */
	inverse(position: number): number;
}

const LOG_SPAN = 999;
/** Share of non-empty bins allowed in the bright fifth of the ramp. */
export const BRIGHT_SHARE = 0.05;
/** Where the bright part of the ramp begins. */
export const BRIGHT_FROM = 0.8;
const KNEE_BINS = 1024;

/**
 * What a scale is made of, as plain numbers and one typed array, so the analysis worker can compute it and send it
 * (the sorted values transferred) and the page rebuild the function without another pass over the bins.
 */
export interface IntensityScaleData {
	readonly mode: ScaleMode;
	/** Largest value (USDT). */
	readonly max: number;
	/** Raw position where the bright part of the ramp begins (see `brightKnee`). */
	readonly knee: number;
	/** Percentile mode: the non-empty values, ascending; else null. */
	readonly sorted: Float64Array | null;
}

/** Builds a scale over every value of the given arrays (e.g. a map's long and short bins, or a history grid). */
export function makeIntensityScale(values: readonly ArrayLike<number>[], mode: ScaleMode): IntensityScale {
	return intensityScaleFrom(intensityScaleData(values, mode));
}

/** The numbers of the scale over every value of the given arrays: one pass for the max, a sort in percentile mode, the knee. */
export function intensityScaleData(values: readonly ArrayLike<number>[], mode: ScaleMode): IntensityScaleData {
	let max = 0;
	for (const array of values) for (let i = 0; i < array.length; i++) if (array[i] > max) max = array[i];
	let sorted: Float64Array | null = null;
	if (mode === 'percentile') {
		const positive: number[] = [];
		for (const array of values) for (let i = 0; i < array.length; i++) if (array[i] > 0) positive.push(array[i]);
		sorted = Float64Array.from(positive).sort();
	}
	const knee = brightKnee(values, rawScale(mode, max, sorted).raw);
	return { mode, max, knee, sorted };
}

/** The scale function of computed numbers (no pass over the bins). */
export function intensityScaleFrom({ mode, max, knee, sorted }: IntensityScaleData): IntensityScale {
	const { raw, rawInverse } = rawScale(mode, max, sorted);
	const apply = (v: number) => {
		const r = raw(v);
		return r <= knee ? (BRIGHT_FROM * r) / knee : BRIGHT_FROM + ((1 - BRIGHT_FROM) * (r - knee)) / (1 - knee);
	};
	const inverse = (t: number) =>
		rawInverse(t <= BRIGHT_FROM ? (t * knee) / BRIGHT_FROM : knee + ((t - BRIGHT_FROM) * (1 - knee)) / (1 - BRIGHT_FROM));
	return Object.assign(apply, { mode, inverse });
}

/** The raw position r of a mode (before the knee) and its inverse. */
function rawScale(mode: ScaleMode, max: number, sorted: Float64Array | null): { raw: (v: number) => number; rawInverse: (r: number) => number } {
	if (mode === 'percentile') {
		const values = sorted ?? new Float64Array(0);
		return {
			raw: (v) => (v > 0 ? percentileRank(values, v) / 100 : 0),
			rawInverse: (r) => (values.length === 0 ? 0 : values[Math.min(values.length - 1, Math.max(0, Math.ceil(r * values.length) - 1))])
		};
	}
	if (mode === 'log')
		return {
			raw: (v) => (max > 0 && v > 0 ? Math.min(1, Math.log10(1 + (LOG_SPAN * v) / max) / Math.log10(1 + LOG_SPAN)) : 0),
			rawInverse: (r) => (max * (Math.pow(1 + LOG_SPAN, r) - 1)) / LOG_SPAN
		};
	return { raw: (v) => (max > 0 && v > 0 ? Math.min(1, v / max) : 0), rawInverse: (r) => r * max };
}

/**
 * max(0.8, the raw position below which 95 % of the non-empty bins lie), read from a histogram of raw positions; the
 * histogram step's upper edge is taken, so at most `BRIGHT_SHARE` of the bins end above it. Below 1 always, so the
 * bright part of the ramp stays reachable.
 */
function brightKnee(values: readonly ArrayLike<number>[], raw: (v: number) => number): number {
	const counts = new Uint32Array(KNEE_BINS);
	let total = 0;
	for (const array of values)
		for (let i = 0; i < array.length; i++) {
			if (!(array[i] > 0)) continue;
			counts[Math.min(KNEE_BINS - 1, Math.floor(raw(array[i]) * KNEE_BINS))]++;
			total++;
		}
	const within = Math.ceil(total * (1 - BRIGHT_SHARE));
	let seen = 0;
	let step = 0;
	while (step < KNEE_BINS - 1 && seen + counts[step] < within) seen += counts[step++];
	return Math.min(1 - 1 / KNEE_BINS, Math.max(BRIGHT_FROM, (step + 1) / KNEE_BINS));
}

/** The numbers of an analysis's colour scales in one mode (computed in the analysis worker, `workers/analysis.worker.ts`). */
export interface AnalysisScaleData {
	readonly mode: ScaleMode;
	readonly map: IntensityScaleData;
	readonly history: IntensityScaleData | null;
}

/** The numbers of the colour scales of an analysis: its map's bins and, in history mode, its history grid's cells. */
export function analysisScaleData(analysis: Pick<Analysis, 'map' | 'history'>, mode: ScaleMode): AnalysisScaleData {
	return {
		mode,
		map: intensityScaleData([analysis.map.long, analysis.map.short], mode),
		history: analysis.history ? intensityScaleData([analysis.history.long, analysis.history.short], mode) : null
	};
}

/**
 * The colour scales of an analysis: its map's bins and, in history mode, its history grid's cells. `computed`: their
 * numbers as the worker sent them, used when of this mode (no pass over a history grid on the page's thread).
 */
export function analysisScales(
	analysis: Pick<Analysis, 'map' | 'history'>,
	mode: ScaleMode,
	computed: AnalysisScaleData | null = null
): { map: IntensityScale; history: IntensityScale | null } {
	const data = computed?.mode === mode ? computed : analysisScaleData(analysis, mode);
	return { map: intensityScaleFrom(data.map), history: data.history && intensityScaleFrom(data.history) };
}
