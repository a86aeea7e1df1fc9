/**
 * The map measured against realised liquidations: for every recorded print, did it fall inside a cluster of its side
 * on the map as of the candle BEFORE it (causal: built from candles closed before the print's candle opened)?
 *
 * - Per exchange, the engine (`ModelRun`, the analysis' own, bin width fixed at the first candle's) is fed candle by
 *   candle; for candle t + 1 the map and clusters are those after candle t, scored with the confluence analysis of the
 *   last `window` candles (at most `scoreEvery` candles old; the clusters and ATR always current). Only clusters
 *   meeting candle t + 1's range are scored, with every cluster that can be their neighbour (the stacking factor), so
 *   their scores are those the whole map would give them.
 * - A print of side s (s = the side liquidated: a long's forced sell is `long`) at price p in candle t + 1 is inside
 *   when a cluster of side s has low ≤ p ≤ high. Its baseline c is the share of candle t + 1's range [low, high]
 *   covered by clusters of side s (1 or 0 for a candle without range): a print placed at random in the traversed
 *   range would be inside with chance c.
 * - insideShare = Σ notional·inside / Σ notional; coveredShare = Σ notional·c / Σ notional; lift = insideShare ÷
 *   coveredShare (1 = the clusters hold as much realised notional as the price range they cover; above 1 = more).
 *   Per score bucket: inside a cluster of that bucket, against the range covered by clusters of that bucket.
 * - Candles overlapping an outage of the exchange (stream down, recorder stopped, buffer overflow) are left out, prints
 *   and baseline alike: prints of those spans were never seen.
 * - Interval: 2.5–97.5 % percentiles of the lift over `bootstrap` resamples of the candles with prints (seeded
 *   mulberry32, so prints of one candle stay together and the result is repeatable).
 * Units: ms UTC, USDT prices and notional, shares 0–1.
 */
import { confluenceInput, scoreClusters, type ScoredCluster } from '../confluence/confluence.ts';
import { CONFLUENCE_WINDOWS } from '../confluence/factors.ts';
import { confluenceAnalysis } from '../confluence/confluence-analysis.ts';
import { StreamingAtr } from '../confluence/indicators.ts';
import { ModelRun } from '../analysis/analyze.ts';
import type { AnalysisParams } from '../analysis/params.ts';
import { TIMEFRAME_MS } from '../market/resample.ts';
import { seededRandom } from '../market/synthetic.ts';
import { autoBinWidth } from '../model/price-bins.ts';
import type { Candle, Cluster, Side } from '../types.ts';
import { SCORE_BUCKETS } from './calibration.ts';

export interface RealisedPrint {
	time: number;
	side: Side;
	price: number;
	/** USDT. */
	notional: number;
}

export interface RealisedSeries {
	exchange: string;
	/** Closed candles of the timeframe, oldest first. */
	candles: readonly Candle[];
	prints: readonly RealisedPrint[];
	outages: readonly { from: number; to: number }[];
}

export interface RealisedOptions {
	seed: number;
	bootstrap: number;
	/** Candles fed before the first print is evaluated. */
	warmUp: number;
	/** Candles (most recent) the confluence analysis reads. */
	window: number;
	/** Candles between two refreshes of the confluence analysis. */
	scoreEvery: number;
}

export const DEFAULT_REALISED: RealisedOptions = { seed: 1, bootstrap: 1000, warmUp: 300, window: 500, scoreEvery: 12 };

/** One evaluated print. */
export interface RealisedEvent {
	exchange: string;
	/** Open time of the print's candle (the bootstrap's group). */
	candle: number;
	side: Side;
	notional: number;
	inside: boolean;
	covered: number;
	/** Score of the cluster holding the print, null outside. */
	score: number | null;
	/** Share of the candle's range covered by clusters of the print's side per score bucket. */
	coveredByBucket: number[];
}

export interface RealisedSummary {
	prints: number;
	notional: number;
	insideShare: number | null;
	coveredShare: number | null;
	lift: number | null;
	liftInterval: [number, number] | null;
}

export interface RealisedCalibration extends RealisedSummary {
	bySide: Record<Side, RealisedSummary>;
	byExchange: Record<string, RealisedSummary>;
	byScore: ({ bucket: string } & RealisedSummary)[];
	outages: { count: number; excludedCandles: number };
	/** Prints not evaluated: before the warm-up, outside the candles, or in a candle left out for an outage. */
	skippedPrints: number;
	period: { from: number; to: number } | null;
	verdict: string;
}

type ScoreParams = Pick<AnalysisParams, 'timeframe' | 'contextTimeframe' | 'swingLength' | 'model' | 'weights'>;

/** Length of the union of [lo, hi] ranges clipped to [low, high]. */
function coveredLength(ranges: [number, number][], low: number, high: number): number {
	const clipped = ranges.map(([a, b]) => [Math.max(a, low), Math.min(b, high)] as [number, number]).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
	let total = 0;
	let end = -Infinity;
	for (const [a, b] of clipped) {
		if (b <= end) continue;
		total += b - Math.max(a, end);
		end = b;
	}
	return total;
}

function coverage(ranges: [number, number][], low: number, high: number): number {
	if (high > low) return coveredLength(ranges, low, high) / (high - low);
	return ranges.some(([a, b]) => a <= low && low <= b) ? 1 : 0;
}

const bucketOf = (score: number) => SCORE_BUCKETS.findIndex(([lo, hi]) => score >= lo && (hi === 100 ? score <= hi : score < hi));

/**
 * The clusters meeting [low, high], scored by `score` together with every cluster that can be their neighbour (within
 * CONFLUENCE_WINDOWS.stackAtr ATR of the span they reach, the stacking factor's reach): their scores are those that
 * scoring the whole map gives them, at a fraction of the work. `score` is not called when no cluster meets the range.
 */
export function scoreMeeting(clusters: readonly Cluster[], low: number, high: number, atr: number | null, score: (clusters: Cluster[]) => ScoredCluster[]): ScoredCluster[] {
	const meets = (c: Cluster, from: number, to: number) => c.high >= from && c.low <= to;
	const meeting = clusters.filter((c) => meets(c, low, high));
	if (meeting.length === 0) return [];
	const gap = CONFLUENCE_WINDOWS.stackAtr * (atr ?? 0);
	const from = Math.min(...meeting.map((c) => c.low)) - gap;
	const to = Math.max(...meeting.map((c) => c.high)) + gap;
	return score(clusters.filter((c) => meets(c, from, to))).filter((c) => meets(c, low, high));
}

/** The evaluated prints of one exchange. */
function seriesEvents(series: RealisedSeries, params: ScoreParams, options: RealisedOptions): { events: RealisedEvent[]; excludedCandles: number; skipped: number } {
	const { candles } = series;
	const events: RealisedEvent[] = [];
	if (candles.length < 2) return { events, excludedCandles: 0, skipped: series.prints.length };
	const candleMs = TIMEFRAME_MS[params.timeframe];
	const prints = [...series.prints].sort((a, b) => a.time - b.time);
	const model = { ...params.model, binWidth: params.model.binWidth ?? autoBinWidth(candles[0].close) };
	const frame = { candles: candles as Candle[], candleMs, openInterest: null };
	const run = new ModelRun(frame, model, false, 1);
	const atrs = new StreamingAtr();
	atrs.add(candles[0]);
	let p = 0;
	let excludedCandles = 0;
	let confluence: ReturnType<typeof confluenceAnalysis> | null = null;
	let confluenceAt = -Infinity;
	const overlapsOutage = (from: number, to: number) => series.outages.some((o) => o.from < to && o.to > from);
	for (let t = 0; t + 1 < candles.length; t++) {
		if (t > 0) run.extend(frame, t + 1);
		const atr = t > 0 ? atrs.add(candles[t]) : null;
		const next = candles[t + 1];
		const from = next.time;
		const to = next.time + candleMs;
		while (p < prints.length && prints[p].time < from) p++;
		const first = p;
		while (p < prints.length && prints[p].time < to) p++;
		if (overlapsOutage(from, to)) {
			excludedCandles++;
			continue;
		}
		if (p === first || t + 1 < options.warmUp) continue;
		const close = candles[t].close;
		const { clusters } = run.mapAndClusters(close, atr);
		// Only clusters meeting the candle's range decide inside and covered; they are scored with every cluster that
		// can count as their neighbour (the stacking factor looks CONFLUENCE_WINDOWS.stackAtr ATR around each), so their
		// scores equal those of scoring the whole map.
		const scored = scoreMeeting(clusters, next.low, next.high, atr, (subset) => {
			const known = candles.slice(Math.max(0, t + 1 - options.window), t + 1);
			if (!confluence || t - confluenceAt >= options.scoreEvery) {
				confluence = confluenceAnalysis(known, params);
				confluenceAt = t;
			}
			return scoreClusters(subset, confluenceInput(known, { ...confluence, atr }, params.weights));
		});
		for (let k = first; k < p; k++) {
			const print = prints[k];
			const own = scored.filter((c) => c.side === print.side);
			const holder = own.find((c) => c.low <= print.price && print.price <= c.high) ?? null;
			const ranges = own.map((c) => [c.low, c.high] as [number, number]);
			const coveredByBucket = SCORE_BUCKETS.map((_, b) => coverage(own.filter((c) => bucketOf(c.score) === b).map((c) => [c.low, c.high]), next.low, next.high));
			events.push({
				exchange: series.exchange,
				candle: next.time,
				side: print.side,
				notional: print.notional,
				inside: holder !== null,
				covered: coverage(ranges, next.low, next.high),
				score: holder?.score ?? null,
				coveredByBucket
			});
		}
	}
	return { events, excludedCandles, skipped: series.prints.length - events.length };
}

/** Shares and lift of a set of prints; `inside` and `covered` may be narrowed (a score bucket). */
function summarize(
	events: readonly RealisedEvent[],
	options: RealisedOptions,
	inside: (e: RealisedEvent) => boolean = (e) => e.inside,
	covered: (e: RealisedEvent) => number = (e) => e.covered
): RealisedSummary {
	const notional = events.reduce((s, e) => s + e.notional, 0);
	const insideNotional = events.reduce((s, e) => s + (inside(e) ? e.notional : 0), 0);
	const coveredNotional = events.reduce((s, e) => s + e.notional * covered(e), 0);
	const insideShare = notional > 0 ? insideNotional / notional : null;
	const coveredShare = notional > 0 ? coveredNotional / notional : null;
	const lift = insideShare !== null && coveredShare ? insideShare / coveredShare : null;
	let liftInterval: [number, number] | null = null;
	if (events.length > 0 && coveredNotional > 0) {
		const groups = new Map<string, { notional: number; inside: number; covered: number }>();
		for (const e of events) {
			const key = `${e.exchange}:${e.candle}`;
			const g = groups.get(key) ?? { notional: 0, inside: 0, covered: 0 };
			g.notional += e.notional;
			g.inside += inside(e) ? e.notional : 0;
			g.covered += e.notional * covered(e);
			groups.set(key, g);
		}
		const list = [...groups.values()];
		const random = seededRandom(options.seed);
		const lifts: number[] = [];
		for (let b = 0; b < options.bootstrap; b++) {
			let i = 0;
			let c = 0;
			for (let k = 0; k < list.length; k++) {
				const g = list[Math.floor(random() * list.length)];
				i += g.inside;
				c += g.covered;
			}
			if (c > 0) lifts.push(i / c);
		}
		lifts.sort((a, b) => a - b);
		if (lifts.length) liftInterval = [lifts[Math.floor(0.025 * (lifts.length - 1))], lifts[Math.ceil(0.975 * (lifts.length - 1))]];
	}
	return { prints: events.length, notional, insideShare, coveredShare, lift, liftInterval };
}

/** Candles with prints needed before the lift is worth reading. */
export const MIN_PRINT_CANDLES = 20;

function verdictOf(overall: RealisedSummary, candlesWithPrints: number): string {
	if (candlesWithPrints < MIN_PRINT_CANDLES)
		return `too few recorded prints (${overall.prints} in ${candlesWithPrints} candles) to say whether liquidations happen inside the map's clusters`;
	if (overall.lift === null || overall.liftInterval === null) return "the map's clusters never covered the price range where the recorded prints happened";
	const [lo, hi] = overall.liftInterval;
	const lift = overall.lift.toFixed(2);
	if (lo <= 1 && hi >= 1) return "no evidence on this data that realised liquidations happen inside the map's clusters more than their share of the price range";
	if (lo > 1) return `realised liquidations happened inside the map's clusters more than their share of the price range: lift ${lift} (95 % interval ${lo.toFixed(2)}–${hi.toFixed(2)})`;
	return `realised liquidations happened inside the map's clusters less than their share of the price range: lift ${lift} (95 % interval ${lo.toFixed(2)}–${hi.toFixed(2)})`;
}

/** The realised-liquidation calibration over the recorded series of one or more exchanges. */
export function calibrateRealised(series: readonly RealisedSeries[], params: ScoreParams, options: RealisedOptions = DEFAULT_REALISED): RealisedCalibration {
	const runs = series.map((s) => seriesEvents(s, params, options));
	const events = runs.flatMap((r) => r.events);
	const sides: Side[] = ['long', 'short'];
	const candlesWithPrints = new Set(events.map((e) => `${e.exchange}:${e.candle}`)).size;
	const overall = summarize(events, options);
	const from = events.reduce((m, e) => Math.min(m, e.candle), Infinity);
	const to = events.reduce((m, e) => Math.max(m, e.candle), -Infinity);
	return {
		...overall,
		bySide: Object.fromEntries(sides.map((side) => [side, summarize(events.filter((e) => e.side === side), options)])) as Record<Side, RealisedSummary>,
		byExchange: Object.fromEntries(series.map((s) => [s.exchange, summarize(events.filter((e) => e.exchange === s.exchange), options)])),
		byScore: SCORE_BUCKETS.map(([lo, hi], b) => ({
			bucket: `${lo}–${hi}`,
			...summarize(events, options, (e) => e.score !== null && bucketOf(e.score) === b, (e) => e.coveredByBucket[b])
		})),
		outages: { count: series.reduce((n, s) => n + s.outages.length, 0), excludedCandles: runs.reduce((n, r) => n + r.excludedCandles, 0) },
		skippedPrints: runs.reduce((n, r) => n + r.skipped, 0),
		period: events.length ? { from, to } : null,
		verdict: verdictOf(overall, candlesWithPrints)
	};
}

const round = (value: number | null, decimals = 4) => (value === null ? null : Math.round(value * 10 ** decimals) / 10 ** decimals);

function summaryJson(s: RealisedSummary) {
	return {
		prints: s.prints,
		notional: Math.round(s.notional * 100) / 100,
		insideShare: round(s.insideShare),
		coveredShare: round(s.coveredShare),
		lift: round(s.lift, 3),
		liftInterval: s.liftInterval ? [round(s.liftInterval[0], 3), round(s.liftInterval[1], 3)] : null
	};
}

/** The JSON contract of `liqmap calibrate --realised --json` and `/api/realised` (shares rounded to 4 decimals, lifts to 3). */
export function realisedToJson(result: RealisedCalibration) {
	return {
		...summaryJson(result),
		bySide: { long: summaryJson(result.bySide.long), short: summaryJson(result.bySide.short) },
		byExchange: Object.fromEntries(Object.entries(result.byExchange).map(([id, s]) => [id, summaryJson(s)])),
		byScore: result.byScore.map((b) => ({ bucket: b.bucket, ...summaryJson(b) })),
		outages: result.outages,
		verdict: result.verdict
	};
}


export type RealisedJson = ReturnType<typeof realisedToJson>;
