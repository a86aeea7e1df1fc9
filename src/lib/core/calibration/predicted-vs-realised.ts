/**
 * Predicted vs realised, live: of the liquidation notional realised since the view loaded, the share that fell inside
 * the clusters the map showed just before each print, against the share of the traversed price range those clusters
 * covered (what a map with no skill would score if prints fell anywhere in the range price travelled).
 *
 * For each print p (time t_p, side s_p, price x_p, notional n_p in USDT) with t_p ≥ `since`:
 * - the map is the latest snapshot with time ≤ t_p (a snapshot's time is the close of the last candle it was computed
 *   from: what the map knew; prints before the first snapshot are not judged);
 * - inside_p = 1 when low ≤ x_p ≤ high for a cluster of that snapshot on side s_p (a long print inside a long cluster);
 * - cover_p = |(∪ clusters of side s_p) ∩ [L, H]| / (H − L), with [L, H] the traversed price range (USDT).
 * Then, summed over the judged prints:
 *   insideShare = Σ n_p·inside_p / Σ n_p,   coveredShare = Σ n_p·cover_p / Σ n_p,   lift = insideShare / coveredShare.
 * coveredShare is the inside share expected if prints fell uniformly over the traversed range, so lift > 1 means the
 * shown clusters caught more of the realised notional than their width alone explains. Shares are fractions 0–1.
 * Below `minPrints` judged prints the result says so (`enough` false): a handful of prints proves nothing.
 *
 * Sources: issue 16 point 4; the null model is the same "any level at the same distance" idea as `calibration.ts`.
 */
import { lowerBound } from '../market/candle-search.ts';
import type { Side } from '../types.ts';

/** A cluster's side and price range (USDT), as the map showed it. */
export interface ShownCluster {
	side: Side;
	low: number;
	high: number;
}

/** The clusters of one analysis, from `time` (ms UTC) until the next snapshot. */
export interface ClusterSnapshot {
	time: number;
	clusters: readonly ShownCluster[];
}

export interface JudgedPrint {
	time: number;
	side: Side;
	/** USDT. */
	price: number;
	/** USDT. */
	notional: number;
}

export interface PredictedVsRealised {
	/** Prints judged (at or after `since`, with a snapshot before them). */
	prints: number;
	/** Their notional (USDT). */
	realisedNotional: number;
	/** Notional inside a shown cluster of the print's side (USDT). */
	insideNotional: number;
	/** insideNotional / realisedNotional, 0–1; null without notional. */
	insideShare: number | null;
	/** Notional-weighted share of the traversed range the print's side's clusters covered, 0–1; null without a range. */
	coveredShare: number | null;
	/** insideShare / coveredShare; null when either is missing or coveredShare is 0. */
	lift: number | null;
	/** At least `minPrints` prints judged. */
	enough: boolean;
}

export const MIN_PRINTS = 5;

/**
 * @param snapshots the maps shown, oldest first
 * @param prints realised prints, any order
 * @param range the traversed price range since `since` (USDT), low ≤ high
 * @param since ms UTC: prints before it are not judged (the view loaded then)
 */
export function predictedVsRealised(
	snapshots: readonly ClusterSnapshot[],
	prints: readonly JudgedPrint[],
	range: { low: number; high: number } | null,
	since: number,
	minPrints = MIN_PRINTS
): PredictedVsRealised {
	let count = 0;
	let realised = 0;
	let inside = 0;
	let covered = 0;
	const span = range ? range.high - range.low : 0;
	const coverCache = new Map<ClusterSnapshot, Record<Side, number>>();
	for (const print of prints) {
		if (print.time < since || !(print.notional > 0)) continue;
		const snapshot = latestAtOrBefore(snapshots, print.time);
		if (!snapshot) continue;
		count++;
		realised += print.notional;
		if (snapshot.clusters.some((c) => c.side === print.side && c.low <= print.price && print.price <= c.high)) inside += print.notional;
		if (span > 0) {
			let cover = coverCache.get(snapshot);
			if (!cover) {
				cover = { long: coveredFraction(snapshot.clusters, 'long', range!), short: coveredFraction(snapshot.clusters, 'short', range!) };
				coverCache.set(snapshot, cover);
			}
			covered += print.notional * cover[print.side];
		}
	}
	const insideShare = realised > 0 ? inside / realised : null;
	const coveredShare = realised > 0 && span > 0 ? covered / realised : null;
	return {
		prints: count,
		realisedNotional: realised,
		insideNotional: inside,
		insideShare,
		coveredShare,
		lift: insideShare !== null && coveredShare ? insideShare / coveredShare : null,
		enough: count >= minPrints
	};
}

/** The snapshot in force at `time`: the latest with snapshot.time ≤ time (snapshots oldest first), or null. */
function latestAtOrBefore(snapshots: readonly ClusterSnapshot[], time: number): ClusterSnapshot | null {
	const after = lowerBound(snapshots.length, (i) => snapshots[i].time <= time);
	return after > 0 ? snapshots[after - 1] : null;
}

/** |(∪ ranges of `side`'s clusters) ∩ range| / |range| (overlapping clusters counted once). */
export function coveredFraction(clusters: readonly ShownCluster[], side: Side, range: { low: number; high: number }): number {
	const span = range.high - range.low;
	if (!(span > 0)) return 0;
	const parts = clusters
		.filter((c) => c.side === side)
		.map((c) => [Math.max(c.low, range.low), Math.min(c.high, range.high)] as const)
		.filter(([low, high]) => high > low)
		.sort((a, b) => a[0] - b[0]);
	let total = 0;
	let end = -Infinity;
	for (const [low, high] of parts) {
		const from = Math.max(low, end);
		if (high > from) total += high - from;
		end = Math.max(end, high);
	}
	return total / span;
}

/**
 * The price range traded since `since` (USDT): lows and highs of the candles opening at or after it (closed or
 * forming) and the prints' prices (a print is a trade); null when nothing traded yet.
 * @param candles closed candles, oldest first
 * @param forming the still-forming candle, if any
 */
export function traversedRange(
	candles: readonly { time: number; low: number; high: number }[],
	forming: { time: number; low: number; high: number } | null,
	prints: readonly { time: number; price: number }[],
	since: number
): { low: number; high: number } | null {
	let low = forming && forming.time >= since ? forming.low : Infinity;
	let high = forming && forming.time >= since ? forming.high : -Infinity;
	for (let i = candles.length - 1; i >= 0 && candles[i].time >= since; i--) {
		low = Math.min(low, candles[i].low);
		high = Math.max(high, candles[i].high);
	}
	for (const print of prints) {
		if (print.time < since) continue;
		low = Math.min(low, print.price);
		high = Math.max(high, print.price);
	}
	return low <= high ? { low, high } : null;
}
