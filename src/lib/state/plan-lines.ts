/**
 * The plan's lines on the chart, from the plan and its evaluation (`core/workflow/trade-plan.ts`): entry, stop (with the
 * loss at the stop), targets (with their reward-to-risk) and the own liquidation price (with leverage and the
 * stop-to-liquidation buffer). Prices USDT, shown to the dollar. Pure: the workbench draws what this returns.
 */
import type { PlanLine } from '$lib/chart/plan-lines/drag.ts';
import type { PlanEvaluation, TradePlan } from '$lib/core/workflow/trade-plan.ts';
import { formatPrice, formatUsd } from '$lib/format.ts';

const price = (value: number) => formatPrice(value, 0);

/** The live lines: every one draggable, except the own liquidation in cross margin (the account places it, not leverage). */
export function planLines(plan: TradePlan | null, evaluation: PlanEvaluation | null): PlanLine[] {
	if (!plan) return [];
	const lines: PlanLine[] = [
		{ id: 'entry', kind: 'entry', price: plan.entry, label: `Entry ${price(plan.entry)}`, axisLabel: price(plan.entry), draggable: true },
		{
			id: 'stop',
			kind: 'stop',
			price: plan.stop,
			label: `Stop ${price(plan.stop)}${evaluation ? ` · −${formatUsd(evaluation.riskAmount)}` : ''}`,
			axisLabel: price(plan.stop),
			draggable: true
		},
		...plan.targets.map((target, k) => ({
			id: `target-${k}`,
			kind: 'target' as const,
			price: target,
			label: `T${k + 1} ${price(target)}${evaluation ? ` · ${(evaluation.riskReward[k] ?? 0).toFixed(2)}R` : ''}`,
			axisLabel: price(target),
			draggable: true
		}))
	];
	if (evaluation && evaluation.liquidationPrice > 0)
		lines.push({
			id: 'liquidation',
			kind: 'liquidation',
			price: evaluation.liquidationPrice,
			label: `Own liq. ${price(evaluation.liquidationPrice)} · ${plan.leverage}x · buffer ${evaluation.stopToLiquidationPct.toFixed(2)} %`,
			axisLabel: price(evaluation.liquidationPrice),
			draggable: plan.marginMode === 'isolated'
		});
	return lines;
}

/** The lines as the exported image shows them: no drag glyphs, and the stop without its loss when account figures are hidden. */
export function exportedPlanLines(lines: readonly PlanLine[], hideAccount: boolean): PlanLine[] {
	return lines.map((line) => ({
		...line,
		draggable: false,
		label: hideAccount && line.kind === 'stop' ? `Stop ${price(line.price)}` : line.label
	}));
}

/** The prices the exported image's price scale must show: entry, stop and targets. */
export function planPrices(plan: TradePlan | null): number[] {
	return plan ? [plan.entry, plan.stop, ...plan.targets] : [];
}
