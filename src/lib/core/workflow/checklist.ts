/**
 * The seven-step pre-trade checklist, evaluated automatically from an `Analysis` (the trader's plan for step 7, and the
 * derivatives beside the candles for steps 1 and 6 when the source has them). Each step returns a status
 * (pass / warn / info / block) and the facts behind it as values and codes; the wording modules
 * (`src/lib/wording/checklist.ts`) write its title, summary and detail lines.
 *
 * 1. Context: workflow preset (scalp 5m + 1h, intraday 15m + 4h, swing 1h + 1d) and the context trend; funding (the
 *    latest rate, annualised, extreme → the crowded side) and the open-interest trend over the context window
 *    (`derivatives.ts`). Pass on a trend up or down; warn on a range, no context, or extreme funding (a crowded side
 *    is a risk to check before anything else).
 * 2. The nearest bright clusters (intensity ≥ 0.5): up to two above and two below; reachable when the distance in ATR
 *    is within the recent range R (high − low of the last 48 bars, in ATR).
 * 3. S/R alignment of each: the zone it sits on, or none (likely wick-through).
 * 4. Vulnerable side: the strongest (by score) of those clusters, and the imbalance of bright notional above vs below.
 * 5. Distance in % and ATR: late under 0.5 ATR, far (wait for an impulse) beyond R.
 * 6. Confirmations on the last bars for the strongest cluster: volume rising into it, an RSI divergence toward it,
 *    a BOS/CHoCH toward it (last 30 bars), a reaction (false break, reclaim, hold-and-retest) on the last 12 bars;
 *    with derivatives also open interest rising into it and realised liquidations of its side spiking
 *    (`derivatives.ts`). Pass from two confirmations on.
 * 7. The plan: `evaluatePlan` (sizing, risk/reward, own liquidation price, warnings); `block` (red) when a warning
 *    makes the plan untradeable as written (liquidation before the stop, stop on the wrong side, margin above the
 *    account), `warn` for the others.
 *
 * `draftPlan` writes a first plan from this context: the side of the vulnerable cluster (step 4: the strongest nearby
 * cluster above → shorts at risk → long toward it; below → short), entry at the last close, the target at the near
 * edge of the nearest bright cluster on the profit side (else 3 ATR), the stop beyond structure (the nearest swing
 * low / high past the entry, by the stop clearance; else 1.5 ATR) and past any bright cluster stack there, then the
 * joint fix applied, so a new plan starts without a warning it could avoid.
 */
import type { Analysis } from '../analysis/analyze.ts';
import { CONFLUENCE_WINDOWS, recentRangeAtr, type ScoredCluster } from '../confluence/confluence.ts';
import { DEFAULT_CONTEXT, type ContextTrend } from '../confluence/context.ts';
import type { Divergence } from '../confluence/divergence.ts';
import { findReactions, type Reaction } from '../confluence/reactions.ts';
import type { StructureEvent } from '../confluence/structure.ts';
import {
	derivativesUpTo,
	fundingReading,
	oiIntoCluster,
	openInterestTrend,
	realisedSpike,
	type FundingReading,
	type OiIntoCluster,
	type OpenInterestTrend,
	type RealisedSpike
} from './derivatives.ts';
import {
	BLOCKING_WARNINGS,
	evaluatePlan,
	stopBeyondStack,
	stopClearance,
	suggestPlanFix,
	type PlanContext,
	type PlanEvaluation,
	type TradePlan
} from './trade-plan.ts';
import type { DerivativesContext, Side, Timeframe } from '../types.ts';
import { volumeIntoZone } from '../confluence/volume.ts';
import { TIMEFRAME_MS } from '../market/resample.ts';

/** The workflow presets: execution timeframe and its context (labels in the wording, `PRESET_LABELS`). */
export const WORKFLOW_PRESETS = [
	{ id: 'scalp', timeframe: '5m', context: '1h' },
	{ id: 'intraday', timeframe: '15m', context: '4h' },
	{ id: 'swing', timeframe: '1h', context: '1d' }
] as const satisfies readonly { id: string; timeframe: Timeframe; context: Timeframe }[];

export type WorkflowPreset = (typeof WORKFLOW_PRESETS)[number];
/** `block`: the plan cannot be traded as written (red). */
export type StepStatus = 'pass' | 'warn' | 'info' | 'block';

export interface ContextStep {
	step: 1;
	status: StepStatus;
	timeframe: Timeframe;
	preset: WorkflowPreset | null;
	context: ContextTrend | null;
	funding: FundingReading;
	openInterest: OpenInterestTrend;
}

export interface NearestStep {
	step: 2;
	status: StepStatus;
	/** The recent range R in ATR; null before ATR is defined. */
	reachAtr: number | null;
	above: number;
	below: number;
	clusters: { cluster: ScoredCluster; reachable: boolean }[];
}

export interface AlignmentStep {
	step: 3;
	status: StepStatus;
	/** The nearest clusters; each one's `zone` is the S/R zone it sits on, or null. */
	clusters: ScoredCluster[];
	aligned: number;
}

export interface SideStep {
	step: 4;
	status: StepStatus;
	strongest: ScoredCluster | null;
	/** Bright notional above and below the last close, USDT. */
	brightAbove: number;
	brightBelow: number;
}

export interface DistanceStep {
	step: 5;
	status: StepStatus;
	strongest: ScoredCluster | null;
	clusters: { cluster: ScoredCluster; flag: 'late' | 'far' | null }[];
}

/** One confirmation for the strongest cluster; `met` counts toward the step's total. */
export type Confirmation =
	| { code: 'volume-into-zone'; met: boolean; volumeRatio: number | null }
	| { code: 'divergence-toward'; met: boolean; divergence: Divergence | null }
	/** `event`: the last BOS/CHoCH in the recent bars, toward the cluster or not. */
	| { code: 'structure-toward'; met: boolean; event: StructureEvent | null }
	| { code: 'reaction'; met: boolean; reactions: Reaction[] }
	| { code: 'oi-into-cluster'; met: boolean; reading: OiIntoCluster }
	| { code: 'realised-spike'; met: boolean; reading: RealisedSpike };

export interface ConfirmationsStep {
	step: 6;
	status: StepStatus;
	cluster: ScoredCluster | null;
	confirmations: Confirmation[];
	confirmed: number;
	/** Confirmations that could be measured: 4, or 6 with derivatives. */
	total: number;
}

export interface PlanStep {
	step: 7;
	status: StepStatus;
	side: Side | null;
	evaluation: PlanEvaluation | null;
}

export type ChecklistStep = ContextStep | NearestStep | AlignmentStep | SideStep | DistanceStep | ConfirmationsStep | PlanStep;

export interface ChecklistResult {
	steps: [ContextStep, NearestStep, AlignmentStep, SideStep, DistanceStep, ConfirmationsStep, PlanStep];
	/** The clusters of step 2, nearest first: above then below. */
	nearest: { above: ScoredCluster[]; below: ScoredCluster[] };
	plan: PlanEvaluation | null;
}

export const BRIGHT = 0.5;
export const LATE_ATR = 0.5;

export function presetFor(timeframe: Timeframe, context: Timeframe): WorkflowPreset | null {
	return WORKFLOW_PRESETS.find((p) => p.timeframe === timeframe && p.context === context) ?? null;
}

/**
 * The seven steps on `analysis`, step 7 on `plan`, steps 1 and 6 also on `derivatives` (null: the source has none). Only
 * derivatives up to the last candle's close are read (a replay at a past bar sees nothing later).
 */
export function evaluateChecklist(analysis: Analysis, plan: TradePlan | null = null, derivatives: DerivativesContext | null = null): ChecklistResult {
	const { candles, atr, context } = analysis;
	const known = derivativesUpTo(derivatives, analysis.lastTime + TIMEFRAME_MS[analysis.timeframe]);
	const reach = atr ? recentRangeAtr(candles, atr, CONFLUENCE_WINDOWS.reachBars) : null;
	const bright = analysis.clusters.filter((c) => c.intensity >= BRIGHT);
	const byDistance = (a: ScoredCluster, b: ScoredCluster) => Math.abs(a.distancePct) - Math.abs(b.distancePct);
	const above = bright.filter((c) => c.distancePct > 0).sort(byDistance).slice(0, 2);
	const below = bright.filter((c) => c.distancePct <= 0).sort(byDistance).slice(0, 2);
	const nearest = [...above, ...below];
	const reachable = (c: ScoredCluster) => reach !== null && c.distanceAtr !== null && Math.abs(c.distanceAtr) <= reach;

	// 1. Context
	const preset = context ? presetFor(analysis.timeframe, context.timeframe) : null;
	const funding = fundingReading(known);
	const openInterest = openInterestTrend(known, context?.timeframe ?? DEFAULT_CONTEXT[analysis.timeframe]);
	const crowded = funding.code === 'funding' && funding.extreme;
	const contextStep: ContextStep = {
		step: 1,
		status: context && context.trend !== 'range' && !crowded ? 'pass' : 'warn',
		timeframe: analysis.timeframe,
		preset,
		context,
		funding,
		openInterest
	};

	// 2. Nearest bright clusters
	const nearestStep: NearestStep = {
		step: 2,
		status: nearest.some(reachable) ? 'pass' : nearest.length ? 'warn' : 'info',
		reachAtr: reach,
		above: above.length,
		below: below.length,
		clusters: nearest.map((cluster) => ({ cluster, reachable: reachable(cluster) }))
	};

	// 3. S/R alignment
	const aligned = nearest.filter((c) => c.zone).length;
	const alignmentStep: AlignmentStep = {
		step: 3,
		status: aligned ? 'pass' : nearest.length ? 'warn' : 'info',
		clusters: nearest,
		aligned
	};

	// 4. Vulnerable side
	const strongest = strongestNearby(nearest);
	const sum = (list: ScoredCluster[]) => list.reduce((total, c) => total + c.notional, 0);
	const sideStep: SideStep = {
		step: 4,
		status: strongest ? 'pass' : 'info',
		strongest,
		brightAbove: sum(bright.filter((c) => c.distancePct > 0)),
		brightBelow: sum(bright.filter((c) => c.distancePct <= 0))
	};

	// 5. Distance
	const flagOf = (c: ScoredCluster): 'late' | 'far' | null =>
		c.distanceAtr !== null && Math.abs(c.distanceAtr) < LATE_ATR ? 'late' : reach !== null && c.distanceAtr !== null && Math.abs(c.distanceAtr) > reach ? 'far' : null;
	const flagged = nearest.map((cluster) => ({ cluster, flag: flagOf(cluster) }));
	const distanceStep: DistanceStep = {
		step: 5,
		status:
			flagged.some((c) => c.flag === 'late') || (nearest.length > 0 && flagged.every((c) => c.flag === 'far')) ? 'warn' : nearest.length ? 'pass' : 'info',
		strongest,
		clusters: flagged
	};

	// 6. Confirmations
	const confirmations = strongest ? confirmationsFor(analysis, strongest, known) : [];
	const confirmed = confirmations.filter((c) => c.met).length;
	const confirmationsStep: ConfirmationsStep = {
		step: 6,
		status: confirmed >= 2 ? 'pass' : strongest ? 'warn' : 'info',
		cluster: strongest,
		confirmations,
		confirmed,
		total: confirmations.filter((c) => !('reading' in c) || c.reading.code !== 'no-derivatives').length
	};

	// 7. Plan
	const planEvaluation = plan ? evaluatePlan(plan, planContext(analysis)) : null;
	const planStep: PlanStep = {
		step: 7,
		status: planEvaluation
			? planEvaluation.warnings.some((w) => BLOCKING_WARNINGS.includes(w.code))
				? 'block'
				: planEvaluation.warnings.length
					? 'warn'
					: 'pass'
			: 'info',
		side: plan?.side ?? null,
		evaluation: planEvaluation
	};
	return {
		steps: [contextStep, nearestStep, alignmentStep, sideStep, distanceStep, confirmationsStep, planStep],
		nearest: { above, below },
		plan: planEvaluation
	};
}

/** Step 6's confirmations for the strongest cluster (see the header). */
function confirmationsFor(analysis: Analysis, strongest: ScoredCluster, derivatives: DerivativesContext | null): Confirmation[] {
	const { candles } = analysis;
	const last = candles.length - 1;
	const up = strongest.distancePct > 0;
	const volume = volumeIntoZone(candles, strongest.price);
	const divergence =
		[...analysis.divergences].reverse().find((d) => last - d.confirmedIndex <= CONFLUENCE_WINDOWS.recentBars && d.direction === (up ? 'bullish' : 'bearish')) ??
		null;
	const event = [...analysis.structure.events].reverse().find((e) => last - e.index <= CONFLUENCE_WINDOWS.recentBars) ?? null;
	const largest = Math.max(0, ...analysis.clusters.map((c) => c.notional));
	const reactions = findReactions(candles, analysis.liquidations, largest);
	const oi = oiIntoCluster(derivatives, candles, up);
	const realised = realisedSpike(derivatives, candles, strongest.side, analysis.timeframe);
	return [
		{ code: 'volume-into-zone', met: volume.rising, volumeRatio: volume.volumeRatio },
		{ code: 'divergence-toward', met: divergence !== null, divergence },
		{ code: 'structure-toward', met: event !== null && event.direction === (up ? 'up' : 'down'), event },
		{ code: 'reaction', met: reactions.length > 0, reactions },
		{ code: 'oi-into-cluster', met: oi.code === 'oi-into-cluster' && oi.met, reading: oi },
		{ code: 'realised-spike', met: realised.code === 'realised-spike' && realised.met, reading: realised }
	];
}

function strongestNearby(nearest: readonly ScoredCluster[]): ScoredCluster | null {
	return [...nearest].sort((a, b) => b.score - a.score)[0] ?? null;
}

/** Account, risk and leverage of a first plan: 1 % of 10,000 USDT at 5x, isolated (the trader edits them). */
export const DRAFT_ACCOUNT = { accountSize: 10_000, riskPct: 1, leverage: 5 } as const;

/** A first plan from the checklist's context (see the header). */
export function draftPlan(analysis: Analysis): TradePlan {
	const entry = Math.round(analysis.lastClose);
	const atr = analysis.atr ?? analysis.lastClose * 0.005;
	const context = planContext(analysis);
	const bright = analysis.clusters.filter((c) => c.intensity >= BRIGHT);
	const byDistance = (a: ScoredCluster, b: ScoredCluster) => Math.abs(a.distancePct) - Math.abs(b.distancePct);
	const nearest = [
		...bright.filter((c) => c.distancePct > 0).sort(byDistance).slice(0, 2),
		...bright.filter((c) => c.distancePct <= 0).sort(byDistance).slice(0, 2)
	];
	const strongest = strongestNearby(nearest);
	const side = strongest && strongest.distancePct <= 0 ? 'short' : 'long';
	const direction = side === 'long' ? 1 : -1;
	const opposing = bright
		.filter((c) => (side === 'long' ? c.low > entry : c.high < entry))
		.sort((a, b) => Math.abs(a.price - entry) - Math.abs(b.price - entry))[0];
	const target = opposing ? (side === 'long' ? opposing.low : opposing.high) : Math.round(entry + direction * 3 * atr);
	// Structure: the nearest swing past the entry, at least half an ATR away and at most four.
	const clearance = stopClearance(entry, analysis.atr);
	const swings = (side === 'long' ? context.swingLows : context.swingHighs)
		.map((p) => p - direction * clearance)
		.filter((p) => direction * (entry - p) >= 0.5 * atr && direction * (entry - p) <= 4 * atr)
		.sort((a, b) => direction * (b - a));
	const stop = Math.round(swings[0] ?? entry - direction * 1.5 * atr);
	let plan: TradePlan = { side, entry, stop, targets: [target], ...DRAFT_ACCOUNT, marginMode: 'isolated' };
	const beyond = stopBeyondStack(plan, context);
	if (beyond !== null) plan = { ...plan, stop: Math.round(beyond) };
	const fix = suggestPlanFix(plan, context);
	return fix ? { ...plan, ...fix.change } : plan;
}

/** What the plan checks need from an analysis: clusters, ATR, recent swing prices. */
export function planContext(analysis: Analysis): PlanContext {
	const swings = analysis.structure.swings.slice(-12);
	return {
		clusters: analysis.clusters,
		atr: analysis.atr,
		swingLows: swings.filter((s) => s.kind === 'low').map((s) => s.price),
		swingHighs: swings.filter((s) => s.kind === 'high').map((s) => s.price)
	};
}
