/**
 * The joint fix of a plan's warnings (`suggestPlanFix`) and the stop past a whole cluster stack. Expected numbers come
 * from the documented liquidation formula (first bracket m = 0.4 %, c = 0):
 *   long liquidation = E·(1 − 1/L) / (1 − m) for an isolated position (`core/model/liquidation-price.ts`),
 * with entry 100,000, ATR 400, so the stop clearance is max(0.25·400, 0.1 % of 100,000) = 100 and the minimum
 * stop-to-liquidation buffer is max(0.5·400, 0.5 % of 100,000) = 500 (`core/workflow/trade-plan.ts`).
 */
import { describe, expect, it } from 'vitest';
import {
	BLOCKING_WARNINGS,
	evaluatePlan,
	leverageForLiquidation,
	stopBeyondStack,
	suggestPlanFix,
	type PlanContext,
	type TradePlan
} from '../../src/lib/core/workflow/trade-plan.ts';
import type { Cluster } from '../../src/lib/core/types.ts';
import { cluster, context, plan } from './plan-fixtures.ts';

const codes = (p: TradePlan, c: PlanContext) => evaluatePlan(p, c).warnings.map((w) => w.code);

/** Two bright long clusters 50 apart (closer than the 100 clearance): one stack, 98,650–99,200. */
const stack = [cluster('long', 98_800, 99_200), cluster('long', 98_650, 98_750)];

describe('stop beyond the whole cluster stack', () => {
	it('moves a stop past every cluster of the stack, not into the next one', () => {
		// past 98,800 by 100 → 98,700, inside 98,650–98,750 ± 100 → past 98,650 by 100 → 98,550
		expect(stopBeyondStack(plan(), context(stack))).toBe(98_550);
		const moved = plan({ stop: 98_550 });
		expect(codes(moved, context(stack))).not.toContain('stop-in-cluster');
		// The single-cluster fix of before (98,700) lands in the next cluster: a new stop-in-cluster warning.
		expect(codes(plan({ stop: 98_700 }), context(stack))).toContain('stop-in-cluster');
	});

	it('mirrors a short: past the top of the stack', () => {
		const above = [cluster('short', 100_800, 101_200), cluster('short', 101_250, 101_400)];
		// 101,200 + 100 = 101,300, inside 101,250–101,400 → 101,400 + 100 = 101,500
		expect(stopBeyondStack(plan({ side: 'short', stop: 101_000, targets: [97_000] }), context(above))).toBe(101_500);
	});

	it('leaves a stop outside every bright cluster alone', () => {
		expect(stopBeyondStack(plan({ stop: 98_000 }), context(stack))).toBeNull();
	});
});

describe('one suggested fix for all warnings', () => {
	it('widens the stop past the stack AND lowers the leverage the wider stop needs', () => {
		// 100x: liquidation 100,000·0.99/0.996 = 99,397.6, before the stop 99,000; the stop sits in the stack.
		const risky = plan({ leverage: 100 });
		expect(codes(risky, context(stack)).sort()).toEqual(['liquidation-before-stop', 'stop-in-cluster']);
		const fix = suggestPlanFix(risky, context(stack))!;
		// Stop 98,550 (above). Buffer ≥ 500 → liquidation ≤ 98,050: 100,000(1 − 1/L)/0.996 ≤ 98,050 → L ≤ 42.69 → 42x,
		// liquidation 100,000·(41/42)/0.996 = 98,011.09.
		expect(fix.change).toEqual({ stop: 98_550, leverage: 42 });
		expect(Object.keys(fix.change)).toEqual(['stop', 'leverage']); // the order the fix's words follow
		expect(fix.clears.sort()).toEqual(['liquidation-before-stop', 'stop-in-cluster']);
		expect(fix.remaining).toEqual([]);
		const after = evaluatePlan({ ...risky, ...fix.change }, context(stack));
		expect(after.liquidationPrice.toFixed(2)).toBe('98011.09');
		expect(after.warnings).toEqual([]);
	});

	it('cures liquidation-before-stop and liquidation-in-cluster with ONE leverage (not 36x and 46x separately)', () => {
		// 60x: liquidation 100,000·(59/60)/0.996 = 98,728.2 (buffer 272 < 500), inside a long cluster 98,600–98,900.
		const clusters = [cluster('long', 98_600, 98_900)];
		const risky = plan({ leverage: 60, stop: 99_000 });
		expect(codes(risky, context(clusters)).sort()).toEqual(['liquidation-in-cluster', 'no-margin-buffer']);
		const fix = suggestPlanFix(risky, context(clusters))!;
		// Buffer: liquidation ≤ 98,500 → 1 − 1/L ≤ 0.98506 → L ≤ 66.9; outside 98,600–98,900 and ≤ 98,500 both hold at
		// L ≤ 52: 100,000·(51/52)/0.996 = 98,470.8 ≤ 98,500; 53x gives 98,507.6 > 98,500. → 52x.
		expect(fix.change).toEqual({ leverage: 52 });
		expect(evaluatePlan({ ...risky, ...fix.change }, context(clusters)).warnings).toEqual([]);
	});

	it('each liquidation warning proposes that same leverage', () => {
		const clusters = [cluster('long', 98_600, 98_900)];
		const warnings = evaluatePlan(plan({ leverage: 60 }), context(clusters)).warnings;
		expect(warnings.map((w) => w.fix)).toEqual([{ leverage: 52 }, { leverage: 52 }]);
	});

	it('liquidation before the stop is a blocking warning', () => {
		expect(BLOCKING_WARNINGS).toContain('liquidation-before-stop');
	});

	it('Apply never produces a plan with a warning it did not have, and always clears at least one', () => {
		const clusterSets: Cluster[][] = [
			[],
			stack,
			[cluster('long', 98_600, 98_900)],
			[...stack, cluster('long', 96_000, 97_000), cluster('short', 101_500, 102_000)],
			[cluster('short', 100_800, 101_200), cluster('short', 101_250, 101_400), cluster('long', 103_000, 104_000)],
			[cluster('long', 97_900, 98_300), cluster('short', 102_000, 102_300)]
		];
		let fixed = 0;
		for (const clusters of clusterSets)
			for (const side of ['long', 'short'] as const)
				for (const stopDistance of [300, 800, 1_000, 1_500, 3_000])
					for (const leverage of [2, 5, 10, 20, 40, 60, 100, 125])
						for (const riskPct of [0.5, 1, 3])
							for (const marginMode of ['isolated', 'cross'] as const)
								for (const target of [1_000, 2_500, 5_000]) {
									const direction = side === 'long' ? 1 : -1;
									const p = plan({ side, stop: 100_000 - direction * stopDistance, targets: [100_000 + direction * target], leverage, riskPct, marginMode });
									const c = context(clusters);
									const before = new Set(codes(p, c));
									const fix = suggestPlanFix(p, c);
									if (!fix) continue;
									fixed++;
									const after = codes({ ...p, ...fix.change }, c);
									const label = JSON.stringify({ p, fix: fix.change, before: [...before], after });
									expect(after.filter((code) => !before.has(code)), label).toEqual([]);
									expect(after.length, label).toBeLessThan(before.size);
									expect(after.sort(), label).toEqual([...fix.remaining].sort());
								}
		// The grid is not vacuous: many of its plans have a fix.
		expect(fixed).toBeGreaterThan(200);
	});
});

describe('dragging the own liquidation line sets the leverage', () => {
	it('picks the leverage whose liquidation is nearest the dragged price', () => {
		// 20x: 100,000·0.95/0.996 = 95,381.5; 19x: 100,000·(18/19)/0.996 = 95,117.3; 21x: 95,620.7
		expect(leverageForLiquidation(plan(), 95_400)).toBe(20);
		expect(leverageForLiquidation(plan(), 95_150)).toBe(19);
	});
});
