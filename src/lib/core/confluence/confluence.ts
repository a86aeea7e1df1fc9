/**
 * Confluence score 0–100 of each liquidation cluster, with a breakdown whose points sum to the score.
 *
 * Factors and default weights (points at full strength; editable, see `DEFAULT_WEIGHTS`):
 * - intensity 25: weight × the cluster's relative intensity (0–1);
 * - supportResistance 20: weight × strength (0–1) of the strongest S/R zone overlapping the cluster (± ¼ ATR);
 * - volume 10: full when volume is rising into the cluster (`volume.ts`), half when price approaches on average volume;
 * - divergence 10: an RSI divergence confirmed in the last `recentBars` bars pointing toward the cluster (bullish →
 *   clusters above, bearish → below): full for a regular one, 70 % for a hidden one;
 * - structure 10: the last BOS/CHoCH points toward the cluster: full within `recentBars` bars, half if older;
 * - context 10: the higher-timeframe trend points toward the cluster;
 * - reachability 15: distance d (in ATR) against the recent range R (high − low of the last `reachBars` bars, in ATR):
 *   full while d ≤ R/2, falling linearly to 0 at d = 2R;
 * - stacking 10: + weight/2 per neighbouring cluster of the same side within 1 ATR (at most the weight): stacked
 *   clusters mean a larger move; − weight/2 for a small (intensity < 0.4) isolated zone: scattered zones are noise;
 * - agreement 10 (aggregate mode only, when several exchanges' maps are summed): weight × (k − 1)/(n − 1) for a cluster
 *   found on k of n exchanges' own maps — one source alone earns nothing, all of them the full weight.
 * Points are rounded to 0.1 and the score is their sum, clamped to 0–100 through the stacking factor.
 */
import type { Divergence } from './divergence.ts';
import type { ContextTrend } from './context.ts';
import type { StructureEvent } from './structure.ts';
import type { SrZone } from './support-resistance.ts';
import type { Candle, Cluster } from '../types.ts';
import { volumeIntoZone } from './volume.ts';

export interface ConfluenceWeights {
	intensity: number;
	supportResistance: number;
	volume: number;
	divergence: number;
	structure: number;
	context: number;
	reachability: number;
	stacking: number;
	agreement: number;
}

export const DEFAULT_WEIGHTS: ConfluenceWeights = {
	intensity: 25,
	supportResistance: 20,
	volume: 10,
	divergence: 10,
	structure: 10,
	context: 10,
	reachability: 15,
	stacking: 10,
	agreement: 10
};

export type ScoreFactorName = keyof ConfluenceWeights;

export interface ScoreFactor {
	factor: ScoreFactorName;
	points: number;
	reason: string;
}

export interface ScoredCluster extends Cluster {
	score: number;
	breakdown: ScoreFactor[];
	/** The S/R zone the cluster sits on, if any. */
	zone: SrZone | null;
}

export interface ConfluenceInput {
	candles: readonly Candle[];
	atr: number | null;
	zones: readonly SrZone[];
	divergences: readonly Divergence[];
	events: readonly StructureEvent[];
	context: ContextTrend | null;
	weights: ConfluenceWeights;
	/** Aggregate mode: on how many exchanges each cluster appears (same order as the clusters scored). */
	agreement?: readonly { count: number; total: number; label: string }[];
}

export const CONFLUENCE_WINDOWS = { recentBars: 30, reachBars: 48, stackAtr: 1 };

const round1 = (value: number) => Math.round(value * 10) / 10;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function srFactor(cluster: Cluster, input: ConfluenceInput): [ScoreFactor, SrZone | null] {
	const pad = 0.25 * (input.atr ?? 0);
	const overlapping = input.zones.filter((z) => z.low <= cluster.high + pad && z.high >= cluster.low - pad);
	const zone = overlapping.sort((a, b) => b.strength - a.strength)[0] ?? null;
	if (!zone) return [{ factor: 'supportResistance', points: 0, reason: 'no S/R level: likely wick-through' }, null];
	const reason = `on ${zone.reasons.slice(0, 3).join(', ')} (strength ${Math.round(zone.strength * 100)} %)`;
	return [{ factor: 'supportResistance', points: input.weights.supportResistance * zone.strength, reason }, zone];
}

function volumeFactor(cluster: Cluster, input: ConfluenceInput): ScoreFactor {
	const measure = volumeIntoZone(input.candles, cluster.price);
	const ratio = measure.volumeRatio === null ? 'n/a' : `${measure.volumeRatio.toFixed(1)}×`;
	if (measure.rising) return { factor: 'volume', points: input.weights.volume, reason: `volume rising into it (${ratio} the prior average)` };
	if (measure.approaching && (measure.volumeRatio ?? 0) >= 1)
		return { factor: 'volume', points: input.weights.volume / 2, reason: `price approaching on average volume (${ratio})` };
	return { factor: 'volume', points: 0, reason: measure.approaching ? `approaching on thin volume (${ratio})` : 'price moving away from it' };
}

function divergenceFactor(cluster: Cluster, input: ConfluenceInput): ScoreFactor {
	const last = input.candles.length - 1;
	const toward = cluster.distancePct > 0 ? 'bullish' : 'bearish';
	const recent = input.divergences.filter((d) => last - d.confirmedIndex <= CONFLUENCE_WINDOWS.recentBars && d.direction === toward);
	const best = recent.sort((a, b) => (a.kind === b.kind ? b.confirmedIndex - a.confirmedIndex : a.kind === 'regular' ? -1 : 1))[0];
	if (!best) return { factor: 'divergence', points: 0, reason: `no ${toward} RSI divergence in the last ${CONFLUENCE_WINDOWS.recentBars} bars` };
	const share = best.kind === 'regular' ? 1 : 0.7;
	const ago = last - best.confirmedIndex;
	return {
		factor: 'divergence',
		points: input.weights.divergence * share,
		reason: `${best.kind === 'hidden' ? 'hidden ' : ''}${toward} RSI divergence ${ago === 0 ? 'on the last bar' : `${plural(ago, 'bar')} ago`}`
	};
}

function structureFactor(cluster: Cluster, input: ConfluenceInput): ScoreFactor {
	const event = input.events[input.events.length - 1];
	const toward = cluster.distancePct > 0 ? 'up' : 'down';
	if (!event) return { factor: 'structure', points: 0, reason: 'no structure break yet' };
	const ago = input.candles.length - 1 - event.index;
	const label = `${event.kind} ${event.direction} ${ago === 0 ? 'on the last bar' : `${plural(ago, 'bar')} ago`}`;
	if (event.direction !== toward) return { factor: 'structure', points: 0, reason: `${label}: away from it` };
	const share = ago <= CONFLUENCE_WINDOWS.recentBars ? 1 : 0.5;
	return { factor: 'structure', points: input.weights.structure * share, reason: label };
}

function contextFactor(cluster: Cluster, input: ConfluenceInput): ScoreFactor {
	const context = input.context;
	if (!context) return { factor: 'context', points: 0, reason: 'no higher-timeframe context' };
	const toward = cluster.distancePct > 0 ? 'up' : 'down';
	const aligned = context.trend === toward;
	return {
		factor: 'context',
		points: aligned ? input.weights.context : 0,
		reason: `${context.timeframe} trend ${context.trend}${aligned ? ': toward it' : context.trend === 'range' ? '' : ': away from it'}`
	};
}

/** High − low of the last `bars` candles in ATR multiples (at least 1): how far price travels in that time. */
export function recentRangeAtr(candles: readonly Candle[], atr: number, bars: number): number {
	const recent = candles.slice(-bars);
	return Math.max(1, (Math.max(...recent.map((c) => c.high)) - Math.min(...recent.map((c) => c.low))) / atr);
}

function reachFactor(cluster: Cluster, input: ConfluenceInput): ScoreFactor {
	const { candles, atr } = input;
	if (!atr || cluster.distanceAtr === null) return { factor: 'reachability', points: 0, reason: 'ATR not yet defined' };
	const rangeAtr = recentRangeAtr(candles, atr, CONFLUENCE_WINDOWS.reachBars);
	const distance = Math.abs(cluster.distanceAtr);
	const share = Math.min(1, Math.max(0, 1 - (distance - rangeAtr / 2) / (1.5 * rangeAtr)));
	const where = distance <= rangeAtr ? `within the recent ${rangeAtr.toFixed(1)}-ATR range` : `beyond the recent ${rangeAtr.toFixed(1)}-ATR range`;
	return { factor: 'reachability', points: input.weights.reachability * share, reason: `${distance.toFixed(1)} ATR away, ${where}` };
}

function stackingFactor(cluster: Cluster, all: readonly Cluster[], input: ConfluenceInput): ScoreFactor {
	const gap = CONFLUENCE_WINDOWS.stackAtr * (input.atr ?? 0);
	const neighbours = all.filter(
		(other) => other !== cluster && other.side === cluster.side && other.low <= cluster.high + gap && other.high >= cluster.low - gap
	).length;
	const weight = input.weights.stacking;
	if (neighbours > 0)
		return { factor: 'stacking', points: Math.min(weight, (weight / 2) * neighbours), reason: `stacked with ${plural(neighbours, 'nearby cluster')}` };
	if (cluster.intensity < 0.4) return { factor: 'stacking', points: -weight / 2, reason: 'small isolated zone: likely noise' };
	return { factor: 'stacking', points: 0, reason: 'single cluster' };
}

function agreementFactor(agreement: { count: number; total: number; label: string }, weight: number): ScoreFactor {
	const share = agreement.total > 1 ? Math.max(0, agreement.count - 1) / (agreement.total - 1) : 0;
	return { factor: 'agreement', points: weight * share, reason: `seen on ${agreement.label}` };
}

export function scoreClusters(clusters: readonly Cluster[], input: ConfluenceInput): ScoredCluster[] {
	return clusters.map((cluster, index) => {
		const [sr, zone] = srFactor(cluster, input);
		const intensity: ScoreFactor = {
			factor: 'intensity',
			points: input.weights.intensity * cluster.intensity,
			reason: `intensity ${Math.round(cluster.intensity * 100)} % of the peak (percentile ${Math.round(cluster.percentile)})`
		};
		const factors = [
			intensity,
			sr,
			volumeFactor(cluster, input),
			divergenceFactor(cluster, input),
			structureFactor(cluster, input),
			contextFactor(cluster, input),
			reachFactor(cluster, input),
			...(input.agreement?.[index] ? [agreementFactor(input.agreement[index], input.weights.agreement)] : [])
		].map((f) => ({ ...f, points: round1(f.points) }));
		const stacking = stackingFactor(cluster, clusters, input);
		const others = factors.reduce((sum, f) => sum + f.points, 0);
		stacking.points = round1(Math.min(100 - others, Math.max(-others, stacking.points)));
		const breakdown = [...factors, stacking];
		const score = round1(breakdown.reduce((sum, f) => sum + f.points, 0));
		return { ...cluster, score, breakdown, zone };
	});
}
