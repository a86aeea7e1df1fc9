/**
 * Helpers of the plan form: a first plan drawn from the checklist's context (`draftPlan`: side of the vulnerable
 * cluster, target at the nearest opposing cluster, stop beyond structure), the one joint fix of its warnings (for the
 * "Apply" button), and the data age with its stale warning.
 */
import type { Analysis } from '$lib/core/analysis/analyze.ts';
import { draftPlan, planContext } from '$lib/core/workflow/checklist.ts';
import { suggestPlanFix, type PlanFix, type TradePlan } from '$lib/core/workflow/trade-plan.ts';
import { TIMEFRAME_MS } from '$lib/core/market/resample.ts';
import type { Timeframe } from '$lib/core/types.ts';

/** A first plan from the checklist's context (`core/workflow/checklist.ts`, `draftPlan`). */
export function suggestPlan(analysis: Analysis): TradePlan {
	return draftPlan(analysis);
}

/** The one change that clears every warning it can, never raising a new one; null when there is none. */
export function planFix(plan: TradePlan, analysis: Analysis): PlanFix | null {
	return suggestPlanFix(plan, planContext(analysis));
}

export interface DataAge {
	/** Time since the last candle opened, ms. */
	ageMs: number;
	stale: boolean;
	/** Why the data is stale, e.g. "historical sample, not live"; null when fresh. */
	reason: string | null;
}

/** Stale when the embedded sample is in use, or when the last candle opened more than two candle periods ago. */
export function dataAge(lastTime: number, timeframe: Timeframe, sample: boolean, now: number): DataAge {
	const ageMs = Math.max(0, now - lastTime);
	const limit = 2 * TIMEFRAME_MS[timeframe];
	const reason = sample
		? 'historical sample, not live'
		: ageMs > limit
			? `last candle older than two ${timeframe} periods`
			: null;
	return { ageMs, stale: reason !== null, reason };
}

/** A duration in its two largest units: "3 mo 12 d", "5 h 20 min", "40 s". */
export function formatAge(ms: number): string {
	const minutes = Math.floor(ms / 60_000);
	const hours = Math.floor(minutes / 60);
	const days = Math.floor(hours / 24);
	if (days >= 60) return `${Math.floor(days / 30)} mo ${days % 30} d`;
	if (days >= 1) return `${days} d ${hours % 24} h`;
	if (hours >= 1) return `${hours} h ${minutes % 60} min`;
	if (minutes >= 1) return `${minutes} min`;
	return `${Math.floor(ms / 1000)} s`;
}
