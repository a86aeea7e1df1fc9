/** The chart outline and label of a picked cluster, e.g. "Short liq. 110,500–111,500 · $202M" (short enough for a phone). */
import type { BandHighlight } from '$lib/chart/liquidation-chart.ts';
import type { Cluster } from '$lib/core/types.ts';
import { formatUsd, formatWholePrice } from '$lib/format.ts';

export function clusterHighlight(cluster: Cluster): BandHighlight {
	const side = cluster.side === 'long' ? 'Long' : 'Short';
	return {
		side: cluster.side,
		low: cluster.low,
		high: cluster.high,
		label: `${side} liq. ${formatWholePrice(cluster.low)}–${formatWholePrice(cluster.high)} · ${formatUsd(cluster.notional)}`
	};
}
