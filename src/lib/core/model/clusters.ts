/**
 * Clusters: runs of adjacent bins of one side whose relative intensity (bin notional / largest bin of the map, both
 * sides) is at least `threshold`. Each cluster reports its notional-weighted centre, its edges, summed notional, peak
 * intensity, the percentile rank of its peak among the map's non-empty bins, and its distance from the last close in %
 * and in ATR multiples (signed: positive above the price).
 */
import { lowerBound } from '../market/candle-search.ts';
import type { Cluster, LiquidationMap, Side } from '../types.ts';

export interface ClusterOptions {
	/** Minimum relative intensity (0–1) of a bin to belong to a cluster. */
	threshold: number;
	lastClose: number;
	/** ATR (USDT) for `distanceAtr`; null leaves it null. */
	atr: number | null;
}

/** Sorted non-empty bin values of both sides, for percentile ranks. */
function sortedNonEmpty(map: LiquidationMap): Float64Array {
	const values: number[] = [];
	for (let i = 0; i < map.long.length; i++) {
		if (map.long[i] > 0) values.push(map.long[i]);
		if (map.short[i] > 0) values.push(map.short[i]);
	}
	return Float64Array.from(values).sort();
}

/** Share (0–100) of values ≤ `value` in a sorted array. */
export function percentileRank(sorted: Float64Array, value: number): number {
	const atOrBelow = lowerBound(sorted.length, (i) => sorted[i] <= value);
	return sorted.length === 0 ? 0 : (100 * atOrBelow) / sorted.length;
}

/**
 * Splits a run of bins `[first, end)` at its deepest interior valley while that valley is below `VALLEY_RATIO` of the
 * lower of the two peaks it separates, so that two bright bands joined by a dimmer stretch are two clusters.
 */
export const VALLEY_RATIO = 0.5;

function splitRun(bins: Float64Array, first: number, end: number, out: [number, number][]): void {
	let valley = -1;
	for (let i = first + 1; i < end - 1; i++) if (valley < 0 || bins[i] < bins[valley]) valley = i;
	if (valley > 0) {
		let leftPeak = 0;
		let rightPeak = 0;
		for (let i = first; i < valley; i++) leftPeak = Math.max(leftPeak, bins[i]);
		for (let i = valley + 1; i < end; i++) rightPeak = Math.max(rightPeak, bins[i]);
		if (bins[valley] < VALLEY_RATIO * Math.min(leftPeak, rightPeak)) {
			splitRun(bins, first, valley, out);
			splitRun(bins, valley + 1, end, out);
			return;
		}
	}
	out.push([first, end]);
}

export function detectClusters(map: LiquidationMap, options: ClusterOptions): Cluster[] {
	if (!(map.maxBin > 0)) return [];
	const sorted = sortedNonEmpty(map);
	const clusters: Cluster[] = [];
	// A bin must be non-empty even at threshold 0, so runs never span empty space.
	const minNotional = Math.max(options.threshold * map.maxBin, Number.MIN_VALUE);
	for (const side of ['long', 'short'] as Side[]) {
		const bins = map[side];
		const runs: [number, number][] = [];
		for (let i = 0; i < bins.length; ) {
			if (!(bins[i] >= minNotional)) {
				i++;
				continue;
			}
			const first = i;
			while (i < bins.length && bins[i] >= minNotional) i++;
			splitRun(bins, first, i, runs);
		}
		for (const [first, end] of runs) {
			let notional = 0;
			let weightedPrice = 0;
			let peak = 0;
			for (let i = first; i < end; i++) {
				notional += bins[i];
				weightedPrice += bins[i] * (map.priceMin + (i + 0.5) * map.binWidth);
				peak = Math.max(peak, bins[i]);
			}
			const price = weightedPrice / notional;
			const distance = price - options.lastClose;
			clusters.push({
				side,
				price,
				low: map.priceMin + first * map.binWidth,
				high: map.priceMin + end * map.binWidth,
				notional,
				intensity: peak / map.maxBin,
				percentile: percentileRank(sorted, peak),
				distancePct: (100 * distance) / options.lastClose,
				distanceAtr: options.atr && options.atr > 0 ? distance / options.atr : null
			});
		}
	}
	return clusters.sort((a, b) => b.intensity - a.intensity || b.notional - a.notional);
}

/** The `count` strongest clusters on each side of the price (shorts above, longs below), nearest first. */
export function nearestStrongClusters(clusters: readonly Cluster[], count: number): { above: Cluster[]; below: Cluster[] } {
	const pickSide = (above: boolean) =>
		clusters
			.filter((c) => (c.distancePct > 0) === above)
			.slice(0, count)
			.sort((a, b) => Math.abs(a.distancePct) - Math.abs(b.distancePct));
	return { above: pickSide(true), below: pickSide(false) };
}
