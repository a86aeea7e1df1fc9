/**
 * Words for the plan's warnings and its joint fix (`core/workflow/trade-plan.ts`): each warning's message and
 * suggestion, and each field the fix changes ("stop → 98,600", "leverage → 12x"). Prices with at most one decimal.
 */
import type { PlanFix, PlanWarning, TradePlan } from '../core/workflow/trade-plan.ts';
import { priceUpTo1 as fmt } from './words.ts';

const range = (cluster: { low: number; high: number }) => `${fmt(cluster.low)}–${fmt(cluster.high)}`;

/** The warning as a message (what is wrong) and a suggestion (what to do). */
export function planWarningWords(warning: PlanWarning): { message: string; suggestion: string } {
	const below = warning.side === 'long' ? 'below' : 'above';
	const above = warning.side === 'long' ? 'above' : 'below';
	switch (warning.code) {
		case 'invalid-stop':
			return {
				message: `the stop ${fmt(warning.stop)} is not ${below} the entry ${fmt(warning.entry)}`,
				suggestion: `put the stop ${below} the entry, where the idea is invalid`
			};
		case 'invalid-target':
			return {
				message: `target ${warning.target + 1} (${fmt(warning.price)}) is on the losing side of the entry`,
				suggestion: `move target ${warning.target + 1} ${above} ${fmt(warning.entry)}`
			};
		case 'risk-too-high':
			return {
				message: `risking ${warning.riskPct} % of the account on one trade`,
				suggestion: `risk at most ${warning.maxRiskPct} % (${fmt(warning.maxRiskAmount)} USDT)`
			};
		case 'margin-exceeds-account':
			return {
				message: `the position needs ${fmt(warning.margin)} USDT of margin, more than the account's ${fmt(warning.accountSize)}`,
				suggestion: `raise leverage to at least ${warning.minLeverage}x or risk less`
			};
		case 'stop-in-cluster':
			return {
				message: `the stop ${fmt(warning.stop)} sits inside a bright ${warning.cluster.side} cluster (${range(warning.cluster)}): it gets swept with the crowd`,
				suggestion:
					`move the stop just beyond the ${warning.stacked ? 'stacked clusters' : 'cluster'}, to ${fmt(warning.beyond)}` +
					(warning.swing !== null ? `, or to the swing ${warning.side === 'long' ? 'low' : 'high'} ${fmt(warning.swing)}` : '')
			};
		case 'liquidation-before-stop':
			return {
				message: `your liquidation price ${fmt(warning.liquidationPrice)} is reached before the stop ${fmt(warning.stop)}`,
				suggestion: warning.safeLeverage ? `lower leverage to ${warning.safeLeverage}x or less` : 'widen the margin (lower leverage, or add margin)'
			};
		case 'no-margin-buffer':
			return {
				message: `only ${warning.bufferPct.toFixed(2)} % between the stop and your liquidation price ${fmt(warning.liquidationPrice)}`,
				suggestion: warning.safeLeverage
					? `lower leverage to ${warning.safeLeverage}x for at least ${fmt(warning.minBuffer)} USDT of buffer`
					: 'lower leverage or add margin'
			};
		case 'liquidation-in-cluster':
			return {
				message: `your liquidation price ${fmt(warning.liquidationPrice)} is inside a dense ${warning.cluster.side} cluster (${range(warning.cluster)}): a cascade there takes you with it`,
				suggestion: `lower leverage${warning.safeLeverage ? ` to ${warning.safeLeverage}x` : ''} so your liquidation lies beyond ${fmt(warning.clusterEdge)}`
			};
		case 'target-beyond-cluster':
			return {
				message: `target ${warning.target + 1} (${fmt(warning.price)}) lies beyond the nearest opposing cluster at ${range(warning.cluster)}`,
				suggestion: `take partial profit at ${fmt(warning.edge)}, where momentum often cools once that liquidity is consumed`
			};
	}
}

/** "message → suggestion", one line per warning (the checklist's step 7, the CLI, the export). */
export const planWarningLine = (warning: PlanWarning) => {
	const { message, suggestion } = planWarningWords(warning);
	return `${message} → ${suggestion}`;
};

/** Each field the fix changes, in plain words: "risk → 2 %", "stop → 98,600", "targets → 103,000", "leverage → 12x". */
export function planFixSteps(fix: Pick<PlanFix, 'change'>): string[] {
	return Object.entries(fix.change).map(([key, value]) => {
		if (key === 'leverage') return `leverage → ${value}x`;
		if (key === 'riskPct') return `risk → ${value} %`;
		if (key === 'targets') return `targets → ${(value as TradePlan['targets']).map(fmt).join(', ')}`;
		return `${key} → ${fmt(value as number)}`;
	});
}
