/**
 * Aggregate mode: the liquidation maps of several exchanges summed on one price grid, clusters found on the sum, and
 * for each cluster an agreement figure: on how many of the exchanges' OWN clusters (same side) it overlaps (worded
 * "3/3 exchanges", "Bybit only" by `agreementLabel` in `src/lib/wording/confluence.ts`).
 *
 * - Common grid: the widest bin width of the inputs (USDT), from the lowest lower edge to the highest upper edge
 *   (`binGrid`, which doubles the width beyond `MAX_BINS`). Each input bin is spread over the common bins in
 *   proportion to the overlap of the two price intervals, so the sum of notional (USDT) is preserved exactly.
 * - Clusters: `detectClusters` on the summed map with the analysis' threshold, the reference exchange's last close
 *   and ATR, then scored by `scoreClusters` with the reference's S/R zones, divergences, structure and context.
 *   The reference is the first input (the caller orders them; its candles are the ones charted). Agreement enters
 *   the score as its own factor (`confluence.ts`).
 * - Agreement: a summed cluster agrees with an exchange when one of that exchange's clusters of the same side
 *   overlaps its price range [low, high). `total` counts the exchanges that contributed a map; exchanges that failed
 *   are not in the sum and are named by the caller, not here.
 *
 * Pure: no I/O, usable in the browser (the client can sum maps it analysed itself) and on the server.
 */
import type { Analysis } from './analyze.ts';
import { detectClusters } from '../model/clusters.ts';
import { confluenceInput, scoreClusters } from '../confluence/confluence.ts';
import type { AnalysisParams } from './params.ts';
import { binGrid } from '../model/price-bins.ts';
import type { Cluster, LiquidationMap, Side } from '../types.ts';

/** One exchange's analysis, with its display name ("Bybit"). */
export interface SourceAnalysis {
	name: string;
	analysis: Analysis;
}

export interface ClusterAgreement {
	side: Side;
	/** Centre, low and high of the summed cluster (USDT). */
	price: number;
	low: number;
	high: number;
	/** Exchanges whose own clusters overlap this one, in input order. */
	exchanges: string[];
	count: number;
	total: number;
}

export interface AggregateAnalysis {
	/** The reference analysis with the summed map, its clusters, summed totals and merged liquidations. */
	analysis: Analysis;
	/** One entry per cluster of `analysis.clusters`, same order. */
	agreement: ClusterAgreement[];
	/** Names of the exchanges in the sum, in input order. */
	included: string[];
}

/** Adds `map` into `long`/`short` bins of the grid starting at `priceMin` with width `binWidth`. */
function addRebinned(map: LiquidationMap, priceMin: number, binWidth: number, long: Float64Array, short: Float64Array): void {
	const count = long.length;
	for (let i = 0; i < map.long.length; i++) {
		const valueLong = map.long[i];
		const valueShort = map.short[i];
		if (valueLong === 0 && valueShort === 0) continue;
		const low = map.priceMin + i * map.binWidth;
		const high = low + map.binWidth;
		const first = Math.max(0, Math.floor((low - priceMin) / binWidth));
		const last = Math.min(count - 1, Math.floor((high - priceMin) / binWidth));
		for (let j = first; j <= last; j++) {
			const overlap = Math.min(high, priceMin + (j + 1) * binWidth) - Math.max(low, priceMin + j * binWidth);
			if (overlap <= 0) continue;
			const share = overlap / map.binWidth;
			long[j] += valueLong * share;
			short[j] += valueShort * share;
		}
	}
}

/** The maps summed on one common grid (notional preserved). */
export function sumMaps(maps: readonly LiquidationMap[]): LiquidationMap {
	if (maps.length === 0) throw new RangeError('no maps to sum');
	const width = Math.max(...maps.map((m) => m.binWidth));
	const low = Math.min(...maps.map((m) => m.priceMin));
	const high = Math.max(...maps.map((m) => m.priceMin + m.long.length * m.binWidth));
	// The upper edge itself belongs to no bin; step just below it so binGrid does not add an empty bin.
	const grid = binGrid(low, high - width * 1e-9, width);
	const long = new Float64Array(grid.binCount);
	const short = new Float64Array(grid.binCount);
	for (const map of maps) addRebinned(map, grid.priceMin, grid.binWidth, long, short);
	let maxBin = 0;
	for (let i = 0; i < grid.binCount; i++) maxBin = Math.max(maxBin, long[i], short[i]);
	return { priceMin: grid.priceMin, binWidth: grid.binWidth, long, short, maxBin };
}

/** On which sources' own clusters (same side, overlapping price range) each cluster appears. */
export function clusterAgreement(
	clusters: readonly Cluster[],
	sources: readonly { name: string; clusters: readonly Cluster[] }[]
): ClusterAgreement[] {
	return clusters.map((cluster) => {
		const exchanges = sources
			.filter((source) => source.clusters.some((own) => own.side === cluster.side && own.low < cluster.high && own.high > cluster.low))
			.map((source) => source.name);
		const total = sources.length;
		return {
			side: cluster.side,
			price: cluster.price,
			low: cluster.low,
			high: cluster.high,
			exchanges,
			count: exchanges.length,
			total
		};
	});
}

/** Sums the sources' maps, re-detects and scores clusters on the sum, and measures agreement. */
export function aggregateAnalyses(sources: readonly SourceAnalysis[], params: AnalysisParams): AggregateAnalysis {
	if (sources.length === 0) throw new RangeError('no exchange analyses to aggregate');
	const reference = sources[0].analysis;
	const map = sumMaps(sources.map((s) => s.analysis.map));
	const found = detectClusters(map, { threshold: params.model.clusterThreshold, lastClose: reference.lastClose, atr: reference.atr });
	const agreement = clusterAgreement(found, sources.map((s) => ({ name: s.name, clusters: s.analysis.clusters })));
	const clusters = scoreClusters(found, confluenceInput(reference.candles, { ...reference, zones: reference.supportResistance.zones }, params.weights, agreement));
	const sum = (pick: (a: Analysis) => number) => sources.reduce((total, s) => total + pick(s.analysis), 0);
	const analysis: Analysis = {
		...reference,
		map,
		clusters,
		// As for one exchange: the open-interest model when open interest covered at least one candle somewhere.
		modelKind: sources.some((s) => s.analysis.modelKind === 'open-interest') ? 'open-interest' : 'volume-proxy',
		openInterestCandles: sum((a) => a.openInterestCandles),
		liquidations: sources.flatMap((s) => s.analysis.liquidations).sort((a, b) => a.time - b.time),
		// Each exchange's history grid has its own price range: there is no summed history.
		history: null,
		totals: {
			opened: sum((a) => a.totals.opened),
			open: sum((a) => a.totals.open),
			liquidated: sum((a) => a.totals.liquidated),
			closed: sum((a) => a.totals.closed)
		}
	};
	return { analysis, agreement, included: sources.map((s) => s.name) };
}
