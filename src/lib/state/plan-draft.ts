/**
 * Helpers of the plan form: a first plan drawn from the analysis (so the form is never empty), the fix a warning
 * suggests as a change to the plan (for its "Apply" button), and the data age with its stale warning.
 */
import type { Analysis } from '$lib/core/analysis/analyze.ts';
import type { PlanWarning, TradePlan } from '$lib/core/workflow/trade-plan.ts';
import { TIMEFRAME_MS } from '$lib/core/market/resample.ts';
import type { Timeframe } from '$lib/core/types.ts';

/** A long at the last close, stop 1.5 ATR below, target 3 ATR above; 1 % of a 10,000 USDT account at 5x, isolated. */
export function suggestPlan(analysis: Analysis): TradePlan {
	const entry = Math.round(analysis.lastClose);
	const atr = analysis.atr ?? analysis.lastClose * 0.005;
	return {
		side: 'long',
		entry,
		stop: Math.round(entry - 1.5 * atr),
		targets: [Math.round(entry + 3 * atr)],
		accountSize: 10_000,
		riskPct: 1,
		leverage: 5,
		marginMode: 'isolated'
	};
}

/** The plan change a warning suggests (core's structured `fix`), or null when the trader must decide. */
export function fixFor(warning: PlanWarning): Partial<TradePlan> | null {
	return warning.fix ?? null;
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
