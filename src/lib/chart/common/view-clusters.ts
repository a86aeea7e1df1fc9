/**
 * Which clusters the default price range must show, and which clusters get a ▲/▼ label at the edge of the view.
 *
 * Default view rule: per side, the cluster with the largest notional (USDT) whose NEAR edge lies within the reach of
 * the last close, reach = max(`REACH_ATR` × ATR(14), `REACH_PCT` % of the last close). 8 ATR is about the largest
 * move the History check's horizons see (48 bars); the 2 % floor keeps the rule meaningful on 5m, where ATR is small.
 * On the embedded sample (default 15m view, close 109,385, ATR(14) 355: reach 2,840) that is the $202M short cluster 110,500–111,500
 * and the $16M long cluster 107,400–107,500. Pure (no chart), so it is tested on the sample without a browser.
 */
import type { Cluster } from '$lib/core/types.ts';

export const REACH_ATR = 8;
export const REACH_PCT = 2;

export interface PriceRange {
	low: number;
	high: number;
}

/** Reach (USDT) around `lastClose`; ATR null (too few candles) leaves the percentage floor. */
export function viewReach(lastClose: number, atr: number | null): number {
	return Math.max(atr ? REACH_ATR * atr : 0, (REACH_PCT / 100) * lastClose);
}

/** The strongest (largest notional) cluster per side within reach; at most one long and one short. */
export function strongestInReach<C extends Cluster>(clusters: readonly C[], lastClose: number, atr: number | null): C[] {
	const reach = viewReach(lastClose, atr);
	const best: Partial<Record<Cluster['side'], C>> = {};
	for (const cluster of clusters) {
		const near = cluster.price >= lastClose ? cluster.low - lastClose : lastClose - cluster.high;
		if (near > reach) continue;
		const current = best[cluster.side];
		if (!current || cluster.notional > current.notional) best[cluster.side] = cluster;
	}
	return [best.short, best.long].filter((c): c is C => c !== undefined);
}

/** The price range covering the given clusters, null when none. */
export function rangeOf(clusters: readonly Cluster[]): PriceRange | null {
	if (clusters.length === 0) return null;
	return { low: Math.min(...clusters.map((c) => c.low)), high: Math.max(...clusters.map((c) => c.high)) };
}
