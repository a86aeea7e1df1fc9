/**
 * The confluence factors: ONE table (`CONFLUENCE_FACTORS`) of name, URL key, label, default weight and score
 * function. The weights (`ConfluenceWeights`), their defaults, their text form (`weights=intensity:25,sr:20,…`), the
 * breakdown's order and the cluster table's labels all derive from it. Adding a factor = its score function (one new
 * file exporting a `ConfluenceFactor`) + one line in the table.
 *
 * Each score function gets the cluster, the score's input (`FactorInput`, assembled once by `confluenceInput`), the
 * factor's weight (points at full strength), all clusters and the cluster's index; it returns the points (before
 * rounding to 0.1) and the reason in plain words, or null when the factor does not apply (agreement outside aggregate
 * mode). Formulas: see `confluence.ts`.
 */
import type { Divergence } from './divergence.ts';
import type { ContextTrend } from './context.ts';
import type { StructureEvent } from './structure.ts';
import type { SrZone } from './support-resistance.ts';
import type { Candle, Cluster } from '../types.ts';
import { volumeIntoZone } from './volume.ts';

/** What every factor may read: the candles scored on and the confluence found on them. */
export interface FactorInput {
	candles: readonly Candle[];
	atr: number | null;
	zones: readonly SrZone[];
	divergences: readonly Divergence[];
	events: readonly StructureEvent[];
	context: ContextTrend | null;
	/** Aggregate mode: on how many exchanges each cluster appears (same order as the clusters scored). */
	agreement?: readonly { count: number; total: number; label: string }[];
}

export interface FactorResult {
	/** Points (negative for a penalty), before rounding. */
	points: number;
	reason: string;
	/** The S/R zone the cluster sits on (the S/R factor only). */
	zone?: SrZone | null;
}

export interface ConfluenceFactor<Name extends string = string> {
	/** Name in the breakdown and the API's JSON (`factor`). */
	name: Name;
	/** Name in the URL, the API's and the CLI's `weights` (`sr:20`). */
	key: string;
	/** Column label in the cluster table. */
	label: string;
	defaultWeight: number;
	score(cluster: Cluster, input: FactorInput, weight: number, all: readonly Cluster[], index: number): FactorResult | null;
	/** Scored last and clamped so that the total stays within 0–100 (stacking). */
	balancesTotal?: boolean;
}

export const CONFLUENCE_WINDOWS = { recentBars: 30, reachBars: 48, stackAtr: 1 };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function intensityScore(cluster: Cluster, _input: FactorInput, weight: number): FactorResult {
	return {
		points: weight * cluster.intensity,
		reason: `intensity ${Math.round(cluster.intensity * 100)} % of the peak (percentile ${Math.round(cluster.percentile)})`
	};
}

function supportResistanceScore(cluster: Cluster, input: FactorInput, weight: number): FactorResult {
	const pad = 0.25 * (input.atr ?? 0);
	const overlapping = input.zones.filter((z) => z.low <= cluster.high + pad && z.high >= cluster.low - pad);
	const zone = overlapping.sort((a, b) => b.strength - a.strength)[0] ?? null;
	if (!zone) return { points: 0, reason: 'no S/R level: likely wick-through', zone: null };
	const reason = `on ${zone.reasons.slice(0, 3).join(', ')} (strength ${Math.round(zone.strength * 100)} %)`;
	return { points: weight * zone.strength, reason, zone };
}

function volumeScore(cluster: Cluster, input: FactorInput, weight: number): FactorResult {
	const measure = volumeIntoZone(input.candles, cluster.price);
	const ratio = measure.volumeRatio === null ? 'n/a' : `${measure.volumeRatio.toFixed(1)}×`;
	if (measure.rising) return { points: weight, reason: `volume rising into it (${ratio} the prior average)` };
	if (measure.approaching && (measure.volumeRatio ?? 0) >= 1)
		return { points: weight / 2, reason: `price approaching on average volume (${ratio})` };
	return { points: 0, reason: measure.approaching ? `approaching on thin volume (${ratio})` : 'price moving away from it' };
}

function divergenceScore(cluster: Cluster, input: FactorInput, weight: number): FactorResult {
	const last = input.candles.length - 1;
	const toward = cluster.distancePct > 0 ? 'bullish' : 'bearish';
	const recent = input.divergences.filter((d) => last - d.confirmedIndex <= CONFLUENCE_WINDOWS.recentBars && d.direction === toward);
	const best = recent.sort((a, b) => (a.kind === b.kind ? b.confirmedIndex - a.confirmedIndex : a.kind === 'regular' ? -1 : 1))[0];
	if (!best) return { points: 0, reason: `no ${toward} RSI divergence in the last ${CONFLUENCE_WINDOWS.recentBars} bars` };
	const share = best.kind === 'regular' ? 1 : 0.7;
	const ago = last - best.confirmedIndex;
	return {
		points: weight * share,
		reason: `${best.kind === 'hidden' ? 'hidden ' : ''}${toward} RSI divergence ${ago === 0 ? 'on the last bar' : `${plural(ago, 'bar')} ago`}`
	};
}

function structureScore(cluster: Cluster, input: FactorInput, weight: number): FactorResult {
	const event = input.events[input.events.length - 1];
	const toward = cluster.distancePct > 0 ? 'up' : 'down';
	if (!event) return { points: 0, reason: 'no structure break yet' };
	const ago = input.candles.length - 1 - event.index;
	const label = `${event.kind} ${event.direction} ${ago === 0 ? 'on the last bar' : `${plural(ago, 'bar')} ago`}`;
	if (event.direction !== toward) return { points: 0, reason: `${label}: away from it` };
	const share = ago <= CONFLUENCE_WINDOWS.recentBars ? 1 : 0.5;
	return { points: weight * share, reason: label };
}

function contextScore(cluster: Cluster, input: FactorInput, weight: number): FactorResult {
	const context = input.context;
	if (!context) return { points: 0, reason: 'no higher-timeframe context' };
	const toward = cluster.distancePct > 0 ? 'up' : 'down';
	const aligned = context.trend === toward;
	return {
		points: aligned ? weight : 0,
		reason: `${context.timeframe} trend ${context.trend}${aligned ? ': toward it' : context.trend === 'range' ? '' : ': away from it'}`
	};
}

/** High − low of the last `bars` candles in ATR multiples (at least 1): how far price travels in that time. */
export function recentRangeAtr(candles: readonly Candle[], atr: number, bars: number): number {
	const recent = candles.slice(-bars);
	return Math.max(1, (Math.max(...recent.map((c) => c.high)) - Math.min(...recent.map((c) => c.low))) / atr);
}

function reachabilityScore(cluster: Cluster, input: FactorInput, weight: number): FactorResult {
	const { candles, atr } = input;
	if (!atr || cluster.distanceAtr === null) return { points: 0, reason: 'ATR not yet defined' };
	const rangeAtr = recentRangeAtr(candles, atr, CONFLUENCE_WINDOWS.reachBars);
	const distance = Math.abs(cluster.distanceAtr);
	const share = Math.min(1, Math.max(0, 1 - (distance - rangeAtr / 2) / (1.5 * rangeAtr)));
	const where = distance <= rangeAtr ? `within the recent ${rangeAtr.toFixed(1)}-ATR range` : `beyond the recent ${rangeAtr.toFixed(1)}-ATR range`;
	return { points: weight * share, reason: `${distance.toFixed(1)} ATR away, ${where}` };
}

function stackingScore(cluster: Cluster, input: FactorInput, weight: number, all: readonly Cluster[]): FactorResult {
	const gap = CONFLUENCE_WINDOWS.stackAtr * (input.atr ?? 0);
	const neighbours = all.filter(
		(other) => other !== cluster && other.side === cluster.side && other.low <= cluster.high + gap && other.high >= cluster.low - gap
	).length;
	if (neighbours > 0)
		return { points: Math.min(weight, (weight / 2) * neighbours), reason: `stacked with ${plural(neighbours, 'nearby cluster')}` };
	if (cluster.intensity < 0.4) return { points: -weight / 2, reason: 'small isolated zone: likely noise' };
	return { points: 0, reason: 'single cluster' };
}

function agreementScore(_cluster: Cluster, input: FactorInput, weight: number, _all: readonly Cluster[], index: number): FactorResult | null {
	const agreement = input.agreement?.[index];
	if (!agreement) return null;
	const share = agreement.total > 1 ? Math.max(0, agreement.count - 1) / (agreement.total - 1) : 0;
	return { points: weight * share, reason: `seen on ${agreement.label}` };
}

const factor = <Name extends string>(definition: ConfluenceFactor<Name>) => definition;

/** The factors in weight order (the old positional `weights=25,20,…` form follows it). */
export const CONFLUENCE_FACTORS = [
	factor({ name: 'intensity', key: 'intensity', label: 'Intensity', defaultWeight: 25, score: intensityScore }),
	factor({ name: 'supportResistance', key: 'sr', label: 'S/R', defaultWeight: 20, score: supportResistanceScore }),
	factor({ name: 'volume', key: 'volume', label: 'Volume', defaultWeight: 10, score: volumeScore }),
	factor({ name: 'divergence', key: 'divergence', label: 'Divergence', defaultWeight: 10, score: divergenceScore }),
	factor({ name: 'structure', key: 'structure', label: 'Structure', defaultWeight: 10, score: structureScore }),
	factor({ name: 'context', key: 'context', label: 'Context', defaultWeight: 10, score: contextScore }),
	factor({ name: 'reachability', key: 'reach', label: 'Reach', defaultWeight: 15, score: reachabilityScore }),
	factor({ name: 'stacking', key: 'stacking', label: 'Stacking', defaultWeight: 10, score: stackingScore, balancesTotal: true }),
	factor({ name: 'agreement', key: 'agreement', label: 'Exchanges', defaultWeight: 10, score: agreementScore })
] as const;

export type ScoreFactorName = (typeof CONFLUENCE_FACTORS)[number]['name'];

/** Points of each factor at full strength. */
export type ConfluenceWeights = Record<ScoreFactorName, number>;

export const DEFAULT_WEIGHTS: ConfluenceWeights = Object.fromEntries(CONFLUENCE_FACTORS.map((f) => [f.name, f.defaultWeight])) as ConfluenceWeights;

/** Factor labels by name ("S/R"), for the cluster table. */
export const FACTOR_LABELS: Readonly<Record<ScoreFactorName, string>> = Object.fromEntries(
	CONFLUENCE_FACTORS.map((f) => [f.name, f.label])
) as Record<ScoreFactorName, string>;
