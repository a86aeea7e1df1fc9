/**
 * The labels naming the best-scored clusters ("Short liq. 110,500–111,500 · score 63 · +1.51 %"): the exported image
 * draws them at their prices, the live chart tags those beyond the view at its edges. Small and apart from
 * `report.ts` so the chart can use it without loading the export code.
 */
import type { ScoredCluster } from '$lib/core/confluence/confluence.ts';
import type { Side } from '$lib/core/types.ts';
import { formatPct, formatWholePrice } from '$lib/format.ts';

export interface ClusterLabel {
	price: number;
	/** The cluster's edges (USDT): the chart tags a cluster beyond the view only when all of it is. */
	low: number;
	high: number;
	side: Side;
	text: string;
}

/** The `count` best-scored clusters (the ones the image and the chart's edge labels name). */
export function topClusters<C extends ScoredCluster>(clusters: readonly C[], count: number): C[] {
	return [...clusters].sort((a, b) => b.score - a.score).slice(0, count);
}

export function clusterLabel(cluster: ScoredCluster): ClusterLabel {
	return {
		price: cluster.price,
		low: cluster.low,
		high: cluster.high,
		side: cluster.side,
		text: `${cluster.side === 'long' ? 'Long' : 'Short'} liq. ${formatWholePrice(cluster.low)}–${formatWholePrice(cluster.high)} · score ${Math.round(cluster.score)} · ${formatPct(cluster.distancePct)}`
	};
}
