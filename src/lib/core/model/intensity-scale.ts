/**
 * Display scales from a bin's notional (USDT) to a colour position 0–1. The brief warns that a scale can make medium
 * zones look extreme, so the user picks one and the legend shows the notional at each colour:
 * - `max`: v / max — linear, the largest bin is 1; honest about proportions, hides small zones;
 * - `percentile`: share of non-empty bins ≤ v — spreads colours evenly over the distribution, exaggerates small zones;
 * - `log`: log10(1 + 999·v/max) / 3 — three decades between the faintest visible and the largest bin.
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

/** Builds a scale over every value of the given arrays (e.g. a map's long and short bins, or a history grid). */
export function makeIntensityScale(values: readonly ArrayLike<number>[], mode: ScaleMode): IntensityScale {
	let max = 0;
	for (const array of values) for (let i = 0; i < array.length; i++) if (array[i] > max) max = array[i];
	let apply: (v: number) => number;
	let inverse: (t: number) => number;
	if (mode === 'percentile') {
		const positive: number[] = [];
		for (const array of values) for (let i = 0; i < array.length; i++) if (array[i] > 0) positive.push(array[i]);
		const sorted = Float64Array.from(positive).sort();
		apply = (v) => (v > 0 ? percentileRank(sorted, v) / 100 : 0);
		inverse = (t) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(t * sorted.length) - 1))]);
	} else if (mode === 'log') {
		apply = (v) => (max > 0 && v > 0 ? Math.min(1, Math.log10(1 + (LOG_SPAN * v) / max) / Math.log10(1 + LOG_SPAN)) : 0);
		inverse = (t) => (max * (Math.pow(1 + LOG_SPAN, t) - 1)) / LOG_SPAN;
	} else {
		apply = (v) => (max > 0 && v > 0 ? Math.min(1, v / max) : 0);
		inverse = (t) => t * max;
	}
	return Object.assign(apply, { mode, inverse });
}

/** The colour scales of an analysis: its map's bins and, in history mode, its history grid's cells. */
export function analysisScales(analysis: Pick<Analysis, 'map' | 'history'>, mode: ScaleMode): { map: IntensityScale; history: IntensityScale | null } {
	return {
		map: makeIntensityScale([analysis.map.long, analysis.map.short], mode),
		history: analysis.history ? makeIntensityScale([analysis.history.long, analysis.history.short], mode) : null
	};
}
