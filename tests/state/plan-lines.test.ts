import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/lib/core/workflow/trade-plan.ts';
import { exportedPlanLines, planLines, planPrices } from '../../src/lib/state/plan-lines.ts';
import { context, plan } from '../workflow/plan-fixtures.ts';

describe('planLines: the plan on the chart from its evaluation', () => {
	it('labels entry, stop with its loss, targets with R and the own liquidation with its buffer', () => {
		// Figures from tests/workflow/trade-plan.test.ts (hand calculation): risk 100 USDT, 3R to 103,000,
		// liquidation 90,361.45 (shown to the dollar: 90,361), buffer 8.64 %.
		const long = plan();
		const lines = planLines(long, evaluatePlan(long, context()));
		expect(lines.map((line) => [line.id, line.label, line.axisLabel, line.draggable])).toEqual([
			['entry', 'Entry 100,000', '100,000', true],
			['stop', 'Stop 99,000 · −$100', '99,000', true],
			['target-0', 'T1 103,000 · 3.00R', '103,000', true],
			['liquidation', 'Own liq. 90,361 · 10x · buffer 8.64 %', '90,361', true]
		]);
	});

	it('has no own-liquidation line in cross margin (liquidation price 0) and no figures without an evaluation', () => {
		const cross = plan({ marginMode: 'cross' });
		expect(planLines(cross, evaluatePlan(cross, context())).map((line) => line.id)).toEqual(['entry', 'stop', 'target-0']);
		expect(planLines(cross, null).map((line) => line.label)).toEqual(['Entry 100,000', 'Stop 99,000', 'T1 103,000']);
		expect(planLines(null, null)).toEqual([]);
	});

	it('exports the lines without drag glyphs, and the stop without its loss when account figures are hidden', () => {
		const long = plan();
		const lines = planLines(long, evaluatePlan(long, context()));
		expect(exportedPlanLines(lines, true).map((line) => [line.label, line.draggable])).toEqual([
			['Entry 100,000', false],
			['Stop 99,000', false],
			['T1 103,000 · 3.00R', false],
			['Own liq. 90,361 · 10x · buffer 8.64 %', false]
		]);
		expect(exportedPlanLines(lines, false)[1].label).toBe('Stop 99,000 · −$100');
		expect(planPrices(long)).toEqual([100_000, 99_000, 103_000]);
	});
});
