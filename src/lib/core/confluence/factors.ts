/**
 * The confluence factors: ONE table (`CONFLUENCE_FACTORS`) of name, URL key, default weight and score function. The
 * weights (`ConfluenceWeights`), their defaults, their text form (`weights=intensity:25,sr:20,…`) and the breakdown's
 * order derive from it. Adding a factor = its score function (one new file exporting a `ConfluenceFactor`) + one line
 * in the table, + its column label and reason words in the wording module (`src/lib/wording/confluence.ts`; the
 * compiler asks for both, as they are records over `ScoreFactorName` and `FactorReason`).
 *
 * Each score function gets the cluster, the score's input (`FactorInput`, assembled once by `confluenceInput`), the
 * factor's weight (points at full strength), all clusters and the cluster's index; it returns the points (before
 * rounding to 0.1) and the reason as a code with its numbers (`FactorReason`, no words), or null when the factor does
 * not apply (agreement outside aggregate mode). Formulas: see `confluence.ts`.
 */
import type { Divergence } from './divergence.ts';
import type { ContextTrend, Trend } from './context.ts';
import type { Direction, StructureEvent } from './structure.ts';
import type { SrReason, SrZone } from './support-resistance.ts';
import type { Candle, Cluster, Timeframe } from '../types.ts';
import { volumeIntoZone } from './volume.ts';

/** What every factor may read: the candles scored on and the confluence found on them. */
export interface FactorInput {
	candles: readonly Candle[];
	atr: number | null;
	zones: readonly SrZone[];
	divergences: readonly Divergence[];
	events: readonly StructureEvent[];
	context: ContextTrend | null;
	/** Aggregate mode: on which exchanges (display names) each cluster appears (same order as the clusters scored). */
	agreement?: readonly { count: number; total: number; exchanges: readonly string[] }[];
}

/**
 * Why a factor gave its points: a code and the numbers behind it (intensity and percentile 0–1 / 0–100; volume ratio
 * = recent ÷ prior average volume; `barsAgo` in bars of the chart; distances and ranges in ATR).
 */
export type FactorReason =
	| { code: 'intensity'; intensity: number; percentile: number }
	| { code: 'sr-none' }
	| { code: 'sr-zone'; reasons: SrReason[]; strength: number }
	| { code: 'volume-rising' | 'volume-average' | 'volume-thin'; volumeRatio: number | null }
	| { code: 'moving-away' }
	| { code: 'divergence-none'; direction: 'bullish' | 'bearish'; bars: number }
	| { code: 'divergence'; kind: Divergence['kind']; direction: 'bullish' | 'bearish'; barsAgo: number }
	| { code: 'structure-none' }
	| { code: 'structure'; kind: StructureEvent['kind']; direction: Direction; barsAgo: number; toward: boolean }
	| { code: 'context-none' }
	| { code: 'context'; timeframe: Timeframe; trend: Trend; toward: boolean }
	| { code: 'reach-none' }
	| { code: 'reach'; distanceAtr: number; rangeAtr: number }
	| { code: 'stacked'; neighbours: number }
	| { code: 'isolated' }
	| { code: 'single' }
	| { code: 'agreement'; count: number; total: number; exchanges: readonly string[] };

export interface FactorResult {
	/** Points (negative for a penalty), before rounding. */
	points: number;
	reason: FactorReason;
	/** The S/R zone the cluster sits on (the S/R factor only). */
	zone?: SrZone | null;
}

export interface ConfluenceFactor<Name extends string = string> {
	/** Name in the breakdown and the API's JSON (`factor`). */
	name: Name;
	/** Name in the URL, the API's and the CLI's `weights` (`sr:20`). */
	key: string;
	defaultWeight: number;
	score(cluster: Cluster, input: FactorInput, weight: number, all: readonly Cluster[], index: number): FactorResult | null;
	/** Scored last and clamped so that the total stays within 0–100 (stacking). */
	balancesTotal?: boolean;
}

export const CONFLUENCE_WINDOWS = { recentBars: 30, reachBars: 48, stackAtr: 1 };

function intensityScore(cluster: Cluster, _input: FactorInput, weight: number): FactorResult {
	return { points: weight * cluster.intensity, reason: { code: 'intensity', intensity: cluster.intensity, percentile: cluster.percentile } };
}

/** How many of a zone's reasons the S/R factor names. */
export const SR_REASONS_NAMED = 3;

function supportResistanceScore(cluster: Cluster, input: FactorInput, weight: number): FactorResult {
	const pad = 0.25 * (input.atr ?? 0);
	const overlapping = input.zones.filter((z) => z.low <= cluster.high + pad && z.high >= cluster.low - pad);
	const zone = overlapping.sort((a, b) => b.strength - a.strength)[0] ?? null;
	if (!zone) return { points: 0, reason: { code: 'sr-none' }, zone: null };
	return { points: weight * zone.strength, reason: { code: 'sr-zone', reasons: zone.reasons.slice(0, SR_REASONS_NAMED), strength: zone.strength }, zone };
}

function volumeScore(cluster: Cluster, input: FactorInput, weight: number): FactorResult {
	const { rising, approaching, volumeRatio } = volumeIntoZone(input.candles, cluster.price);
	if (rising) return { points: weight, reason: { code: 'volume-rising', volumeRatio } };
	if (approaching && (volumeRatio ?? 0) >= 1) return { points: weight / 2, reason: { code: 'volume-average', volumeRatio } };
	return { points: 0, reason: approaching ? { code: 'volume-thin', volumeRatio } : { code: 'moving-away' } };
}

function divergenceScore(cluster: Cluster, input: FactorInput, weight: number): FactorResult {
	const last = input.candles.length - 1;
	const toward = cluster.distancePct > 0 ? 'bullish' : 'bearish';
	const recent = input.divergences.filter((d) => last - d.confirmedIndex <= CONFLUENCE_WINDOWS.recentBars && d.direction === toward);
	const best = recent.sort((a, b) => (a.kind === b.kind ? b.confirmedIndex - a.confirmedIndex : a.kind === 'regular' ? -1 : 1))[0];
	if (!best) return { points: 0, reason: { code: 'divergence-none', direction: toward, bars: CONFLUENCE_WINDOWS.recentBars } };
	const share = best.kind === 'regular' ? 1 : 0.7;
	return { points: weight * share, reason: { code: 'divergence', kind: best.kind, direction: toward, barsAgo: last - best.confirmedIndex } };
}

function structureScore(cluster: Cluster, input: FactorInput, weight: number): FactorResult {
	const event = input.events[input.events.length - 1];
	const toward = cluster.distancePct > 0 ? 'up' : 'down';
	if (!event) return { points: 0, reason: { code: 'structure-none' } };
	const barsAgo = input.candles.length - 1 - event.index;
	const reason: FactorReason = { code: 'structure', kind: event.kind, direction: event.direction, barsAgo, toward: event.direction === toward };
	if (event.direction !== toward) return { points: 0, reason };
	const share = barsAgo <= CONFLUENCE_WINDOWS.recentBars ? 1 : 0.5;
	return { points: weight * share, reason };
}

function contextScore(cluster: Cluster, input: FactorInput, weight: number): FactorResult {
	const context = input.context;
	if (!context) return { points: 0, reason: { code: 'context-none' } };
	const toward = context.trend === (cluster.distancePct > 0 ? 'up' : 'down');
	return { points: toward ? weight : 0, reason: { code: 'context', timeframe: context.timeframe, trend: context.trend, toward } };
}

/** High − low of the last `bars` candles in ATR multiples (at least 1): how far price travels in that time. */
export function recentRangeAtr(candles: readonly Candle[], atr: number, bars: number): number {
	const recent = candles.slice(-bars);
	return Math.max(1, (Math.max(...recent.map((c) => c.high)) - Math.min(...recent.map((c) => c.low))) / atr);
}

function reachabilityScore(cluster: Cluster, input: FactorInput, weight: number): FactorResult {
	const { candles, atr } = input;
	if (!atr || cluster.distanceAtr === null) return { points: 0, reason: { code: 'reach-none' } };
	const rangeAtr = recentRangeAtr(candles, atr, CONFLUENCE_WINDOWS.reachBars);
	const distance = Math.abs(cluster.distanceAtr);
	const share = Math.min(1, Math.max(0, 1 - (distance - rangeAtr / 2) / (1.5 * rangeAtr)));
	return { points: weight * share, reason: { code: 'reach', distanceAtr: distance, rangeAtr } };
}

function stackingScore(cluster: Cluster, input: FactorInput, weight: number, all: readonly Cluster[]): FactorResult {
	const gap = CONFLUENCE_WINDOWS.stackAtr * (input.atr ?? 0);
	const neighbours = all.filter(
		(other) => other !== cluster && other.side === cluster.side && other.low <= cluster.high + gap && other.high >= cluster.low - gap
	).length;
	if (neighbours > 0) return { points: Math.min(weight, (weight / 2) * neighbours), reason: { code: 'stacked', neighbours } };
	if (cluster.intensity < 0.4) return { points: -weight / 2, reason: { code: 'isolated' } };
	return { points: 0, reason: { code: 'single' } };
}

function agreementScore(_cluster: Cluster, input: FactorInput, weight: number, _all: readonly Cluster[], index: number): FactorResult | null {
	const agreement = input.agreement?.[index];
	if (!agreement) return null;
	const { count, total, exchanges } = agreement;
	const share = total > 1 ? Math.max(0, count - 1) / (total - 1) : 0;
	return { points: weight * share, reason: { code: 'agreement', count, total, exchanges } };
}

const factor = <Name extends string>(definition: ConfluenceFactor<Name>) => definition;

/** The factors in weight order (the old positional `weights=25,20,…` form follows it). */
export const CONFLUENCE_FACTORS = [
	factor({ name: 'intensity', key: 'intensity', defaultWeight: 25, score: intensityScore }),
	factor({ name: 'supportResistance', key: 'sr', defaultWeight: 20, score: supportResistanceScore }),
	factor({ name: 'volume', key: 'volume', defaultWeight: 10, score: volumeScore }),
	factor({ name: 'divergence', key: 'divergence', defaultWeight: 10, score: divergenceScore }),
	factor({ name: 'structure', key: 'structure', defaultWeight: 10, score: structureScore }),
	factor({ name: 'context', key: 'context', defaultWeight: 10, score: contextScore }),
	factor({ name: 'reachability', key: 'reach', defaultWeight: 15, score: reachabilityScore }),
	factor({ name: 'stacking', key: 'stacking', defaultWeight: 10, score: stackingScore, balancesTotal: true }),
	factor({ name: 'agreement', key: 'agreement', defaultWeight: 10, score: agreementScore })
] as const;

export type ScoreFactorName = (typeof CONFLUENCE_FACTORS)[number]['name'];

/** Points of each factor at full strength. */
export type ConfluenceWeights = Record<ScoreFactorName, number>;

export const DEFAULT_WEIGHTS: ConfluenceWeights = Object.fromEntries(CONFLUENCE_FACTORS.map((f) => [f.name, f.defaultWeight])) as ConfluenceWeights;
