/**
 * The chart's text alternative: what a sighted trader reads off the picture, in one paragraph for a screen reader —
 * the visible time span (UTC), the visible price span, the clusters in view (side, range, score) and those beyond the
 * edges. Pure (no chart), kept current by the chart view on every pan, zoom and new analysis.
 */
import type { ScoredCluster } from '$lib/core/confluence/confluence.ts';
import { formatUtc, formatWholePrice } from '$lib/format.ts';
import type { ChartViewSummary } from './liquidation-chart.ts';

/** At most this many clusters in view are named (best score first); the rest are counted. */
const NAMED = 6;

export function describeChartView(view: ChartViewSummary, clusters: readonly ScoredCluster[]): string {
	const inView = clusters
		.filter((c) => c.high >= view.low && c.low <= view.high)
		.sort((a, b) => b.score - a.score);
	const named = inView
		.slice(0, NAMED)
		.map((c) => `${c.side === 'long' ? 'long' : 'short'} liquidations ${formatWholePrice(c.low)} to ${formatWholePrice(c.high)}, score ${Math.round(c.score)}`);
	const parts = [
		`Showing ${formatUtc(view.fromTime)} to ${formatUtc(view.toTime)}, prices ${formatWholePrice(view.low)} to ${formatWholePrice(view.high)}.`,
		inView.length === 0
			? 'No liquidation cluster in view.'
			: `${inView.length} cluster${inView.length === 1 ? '' : 's'} in view: ${named.join('; ')}${inView.length > NAMED ? `; and ${inView.length - NAMED} more` : ''}.`
	];
	if (view.beyond.length) parts.push(`Beyond the view: ${view.beyond.map((text) => text.replace(/^▲/, 'above:').replace(/^▼/, 'below:')).join('; ')}.`);
	return parts.join(' ');
}
