/**
 * Confluence score 0–100 of each liquidation cluster, with a breakdown whose points sum to the score.
 *
 * Factors and default weights (points at full strength; editable; the table is `factors.ts`):
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
import { CONFLUENCE_FACTORS, type ConfluenceWeights, type FactorInput, type FactorReason, type ScoreFactorName } from './factors.ts';

export {
	CONFLUENCE_FACTORS,
	CONFLUENCE_WINDOWS,
	DEFAULT_WEIGHTS,
	recentRangeAtr,
	type ConfluenceWeights,
	type FactorInput,
	type FactorReason,
	type ScoreFactorName
} from './factors.ts';

export interface ScoreFactor {
	factor: ScoreFactorName;
	points: number;
	reason: FactorReason;
}

export interface ScoredCluster extends Cluster {
	score: number;
	breakdown: ScoreFactor[];
	/** The S/R zone the cluster sits on, if any. */
	zone: SrZone | null;
}

/** The score's input: what the factors read, and the weights (`confluenceInput` assembles it). */
export interface ConfluenceInput extends FactorInput {
	weights: ConfluenceWeights;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function scoreClusters(clusters: readonly Cluster[], input: ConfluenceInput): ScoredCluster[] {
	return clusters.map((cluster, index) => {
		let zone: SrZone | null = null;
		const factors: ScoreFactor[] = [];
		let balance: ScoreFactor | null = null;
		for (const factor of CONFLUENCE_FACTORS) {
			const result = factor.score(cluster, input, input.weights[factor.name], clusters, index);
			if (!result) continue;
			if (result.zone !== undefined) zone = result.zone;
			if (factor.balancesTotal) balance = { factor: factor.name, points: result.points, reason: result.reason };
			else factors.push({ factor: factor.name, points: round1(result.points), reason: result.reason });
		}
		// The balancing factor (stacking) keeps the total within 0–100 and comes last in the breakdown.
		const others = factors.reduce((sum, f) => sum + f.points, 0);
		if (balance) factors.push({ ...balance, points: round1(Math.min(100 - others, Math.max(-others, balance.points))) });
		const score = round1(factors.reduce((sum, f) => sum + f.points, 0));
		return { ...cluster, score, breakdown: factors, zone };
	});
}

/**
 * The score's input, assembled once for every caller (`analyze.ts`, `aggregate.ts`, `calibration.ts`): the candles
 * scored on, and the confluence found on them (ATR, S/R zones, divergences, structure, context).
 */
export function confluenceInput(
	candles: readonly Candle[],
	found: { atr: number | null; zones: readonly SrZone[]; divergences: readonly Divergence[]; structure: { events: readonly StructureEvent[] }; context: ContextTrend | null },
	weights: ConfluenceWeights,
	agreement?: FactorInput['agreement']
): ConfluenceInput {
	const { atr, zones, divergences, structure, context } = found;
	return { candles, atr, zones, divergences, events: structure.events, context, weights, agreement };
}
