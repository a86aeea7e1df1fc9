/**
 * The seven-step pre-trade checklist, evaluated automatically from an `Analysis` (and the trader's plan for step 7).
 * Each step returns a status (pass / warn / info), a one-line summary with its numbers, and detail lines.
 *
 * 1. Context: workflow preset (scalp 5m + 1h, intraday 15m + 4h, swing 1h + 1d) and the context trend.
 * 2. The nearest bright clusters (intensity ≥ 0.5): up to two above and two below; reachable when the distance in ATR
 *    is within the recent range R (high − low of the last 48 bars, in ATR).
 * 3. S/R alignment of each: the zone it sits on, or "no structure: likely wick-through".
 * 4. Vulnerable side: the strongest (by score) of those clusters, and the imbalance of bright notional above vs below.
 * 5. Distance in % and ATR: "already at the target (late)" under 0.5 ATR, "far: wait for an impulse" beyond R.
 * 6. Confirmations on the last bars for the strongest cluster: volume rising into it, an RSI divergence toward it,
 *    a BOS/CHoCH toward it (last 30 bars), a reaction (false break, reclaim, hold-and-retest) on the last 12 bars.
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
import { findReactions } from '../confluence/reactions.ts';
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
import type { Timeframe } from '../types.ts';
import { volumeIntoZone } from '../confluence/volume.ts';

export const WORKFLOW_PRESETS = [
	{ id: 'scalp', label: 'Scalp', timeframe: '5m', context: '1h' },
	{ id: 'intraday', label: 'Intraday', timeframe: '15m', context: '4h' },
	{ id: 'swing', label: 'Swing', timeframe: '1h', context: '1d' }
] as const satisfies readonly { id: string; label: string; timeframe: Timeframe; context: Timeframe }[];

export type WorkflowPreset = (typeof WORKFLOW_PRESETS)[number];
/** `block`: the plan cannot be traded as written (red). */
export type StepStatus = 'pass' | 'warn' | 'info' | 'block';

export interface ChecklistStep {
	step: number;
	title: string;
	status: StepStatus;
	summary: string;
	details: string[];
}

export interface ChecklistResult {
	steps: ChecklistStep[];
	/** The clusters of step 2, nearest first: above then below. */
	nearest: { above: ScoredCluster[]; below: ScoredCluster[] };
	plan: PlanEvaluation | null;
}

export const BRIGHT = 0.5;
const LATE_ATR = 0.5;

const price = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });
const usd = (value: number) => `$${(value / 1e6).toFixed(1)}M`;
const range = (c: ScoredCluster) => `${price(c.low)}–${price(c.high)}`;
const distance = (c: ScoredCluster) =>
	`${c.distancePct >= 0 ? '+' : '−'}${Math.abs(c.distancePct).toFixed(2)} % (${c.distanceAtr === null ? 'n/a' : `${Math.abs(c.distanceAtr).toFixed(1)} ATR`})`;

export function presetFor(timeframe: Timeframe, context: Timeframe): WorkflowPreset | null {
	return WORKFLOW_PRESETS.find((p) => p.timeframe === timeframe && p.context === context) ?? null;
}

export function evaluateChecklist(analysis: Analysis, plan: TradePlan | null = null): ChecklistResult {
	const { candles, atr, context } = analysis;
	const reach = atr ? recentRangeAtr(candles, atr, CONFLUENCE_WINDOWS.reachBars) : null;
	const bright = analysis.clusters.filter((c) => c.intensity >= BRIGHT);
	const byDistance = (a: ScoredCluster, b: ScoredCluster) => Math.abs(a.distancePct) - Math.abs(b.distancePct);
	const above = bright.filter((c) => c.distancePct > 0).sort(byDistance).slice(0, 2);
	const below = bright.filter((c) => c.distancePct <= 0).sort(byDistance).slice(0, 2);
	const nearest = [...above, ...below];
	const reachable = (c: ScoredCluster) => reach !== null && c.distanceAtr !== null && Math.abs(c.distanceAtr) <= reach;
	const steps: ChecklistStep[] = [];

	// 1. Context
	const contextTimeframe = context?.timeframe ?? null;
	const preset = contextTimeframe ? presetFor(analysis.timeframe, contextTimeframe) : null;
	steps.push({
		step: 1,
		title: 'Context',
		status: context && context.trend !== 'range' ? 'pass' : 'warn',
		summary: context
			? `${preset ? `${preset.label}: ` : ''}${analysis.timeframe} chart, ${context.timeframe} trend ${context.trend}`
			: `${analysis.timeframe} chart: not enough data for a higher-timeframe trend`,
		details: context ? [context.reason, 'higher timeframe as a filter only'] : []
	});

	// 2. Nearest bright clusters
	steps.push({
		step: 2,
		title: 'Nearest bright clusters',
		status: nearest.some(reachable) ? 'pass' : nearest.length ? 'warn' : 'info',
		summary: nearest.length
			? `${above.length} above, ${below.length} below; ${nearest.filter(reachable).length} reachable within the recent ${reach?.toFixed(1) ?? 'n/a'}-ATR range`
			: 'no bright cluster (intensity ≥ 50 %) on the map',
		details: nearest.map(
			(c) => `${c.side} ${range(c)} · ${Math.round(c.intensity * 100)} % · ${distance(c)} · ${reachable(c) ? 'reachable' : 'out of reach for now'}`
		)
	});

	// 3. S/R alignment
	const aligned = nearest.filter((c) => c.zone);
	steps.push({
		step: 3,
		title: 'Support / resistance alignment',
		status: aligned.length ? 'pass' : nearest.length ? 'warn' : 'info',
		summary: nearest.length ? `${aligned.length} of ${nearest.length} on a level` : 'no cluster to align',
		details: nearest.map((c) => `${range(c)}: ${c.zone ? `on ${c.zone.reasons.slice(0, 2).join(', ')}` : 'no structure: likely wick-through'}`)
	});

	// 4. Vulnerable side
	const strongest = strongestNearby(nearest);
	const sum = (list: ScoredCluster[]) => list.reduce((total, c) => total + c.notional, 0);
	const brightAbove = sum(bright.filter((c) => c.distancePct > 0));
	const brightBelow = sum(bright.filter((c) => c.distancePct <= 0));
	const ratio = Math.max(brightAbove, brightBelow) / Math.max(1, Math.min(brightAbove, brightBelow));
	steps.push({
		step: 4,
		title: 'Vulnerable side',
		status: strongest ? 'pass' : 'info',
		summary: strongest
			? `${strongest.distancePct > 0 ? 'shorts' : 'longs'} at risk: strongest nearby cluster ${range(strongest)} (score ${strongest.score.toFixed(0)})`
			: 'no nearby cluster',
		details: [`bright notional above ${usd(brightAbove)} vs below ${usd(brightBelow)} (${ratio.toFixed(1)}× ${brightAbove >= brightBelow ? 'above' : 'below'})`]
	});

	// 5. Distance
	const late = nearest.filter((c) => c.distanceAtr !== null && Math.abs(c.distanceAtr) < LATE_ATR);
	const far = nearest.filter((c) => reach !== null && c.distanceAtr !== null && Math.abs(c.distanceAtr) > reach);
	steps.push({
		step: 5,
		title: 'Distance',
		status: late.length || (far.length === nearest.length && nearest.length > 0) ? 'warn' : nearest.length ? 'pass' : 'info',
		summary: strongest ? `strongest cluster ${distance(strongest)}` : 'no cluster to measure',
		details: nearest.map((c) => {
			const flag = late.includes(c) ? ' · already at the target (late)' : far.includes(c) ? ' · far: wait for an impulse' : '';
			return `${range(c)}: ${distance(c)}${flag}`;
		})
	});

	// 6. Confirmations
	const last = candles.length - 1;
	const confirmations: string[] = [];
	let confirmed = 0;
	if (strongest) {
		const up = strongest.distancePct > 0;
		const volume = volumeIntoZone(candles, strongest.price);
		const ratioText = volume.volumeRatio === null ? 'n/a' : `${volume.volumeRatio.toFixed(1)}×`;
		confirmations.push(`volume rising into ${range(strongest)}: ${volume.rising ? 'yes' : 'no'} (${ratioText} the prior average)`);
		const divergence = [...analysis.divergences]
			.reverse()
			.find((d) => last - d.confirmedIndex <= CONFLUENCE_WINDOWS.recentBars && d.direction === (up ? 'bullish' : 'bearish'));
		confirmations.push(
			`RSI divergence toward it: ${divergence ? `yes, ${divergence.kind} ${divergence.direction} at ${new Date(divergence.confirmedTime).toISOString().slice(5, 16).replace('T', ' ')}` : 'no'}`
		);
		const event = [...analysis.structure.events].reverse().find((e) => last - e.index <= CONFLUENCE_WINDOWS.recentBars);
		const eventToward = event && event.direction === (up ? 'up' : 'down');
		confirmations.push(
			`BOS/CHoCH toward it: ${eventToward ? `yes, ${event.kind} ${event.direction} through ${price(event.level)}` : event ? `no (last: ${event.kind} ${event.direction})` : 'no'}`
		);
		const largest = Math.max(0, ...analysis.clusters.map((c) => c.notional));
		const reactions = findReactions(candles, analysis.liquidations, largest);
		confirmations.push(`reaction at a cluster: ${reactions.length ? `yes, ${reactions.map((r) => r.description).join('; ')}` : 'no'}`);
		confirmed = [volume.rising, Boolean(divergence), Boolean(eventToward), reactions.length > 0].filter(Boolean).length;
	}
	steps.push({
		step: 6,
		title: 'Confirmations',
		status: confirmed >= 2 ? 'pass' : strongest ? 'warn' : 'info',
		summary: strongest ? `${confirmed} of 4 confirmations for ${range(strongest)}` : 'no cluster to confirm',
		details: confirmations
	});

	// 7. Plan
	const planEvaluation = plan ? evaluatePlan(plan, planContext(analysis)) : null;
	steps.push({
		step: 7,
		title: 'Plan',
		status: planEvaluation
			? planEvaluation.warnings.some((w) => BLOCKING_WARNINGS.includes(w.code))
				? 'block'
				: planEvaluation.warnings.length
					? 'warn'
					: 'pass'
			: 'info',
		summary: planEvaluation
			? `${plan!.side} ${planEvaluation.size.toFixed(4)} BTC, R/R ${planEvaluation.riskReward.map((r) => r.toFixed(2)).join(' / ') || 'n/a'}, liquidation ${price(planEvaluation.liquidationPrice)}`
			: 'write the plan: entry, stop, targets',
		details: planEvaluation ? planEvaluation.warnings.map((w) => `${w.message} → ${w.suggestion}`) : []
	});
	return { steps, nearest: { above, below }, plan: planEvaluation };
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
