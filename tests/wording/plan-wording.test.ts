/**
 * The plan warnings' sentences and the fix's steps (`src/lib/wording/plan.ts`), on the plans of the core tests
 * (`tests/workflow/plan-fixtures.ts`: a long from 100,000, stop 99,000, target 103,000, account 10,000, 1 % risk,
 * 10x, ATR 400). Numbers from the liquidation formula long = E·(1 − 1/L)/(1 − 0.004) (`core/model/liquidation-price.ts`)
 * and the buffer max(0.5 ATR, 0.5 % of entry) = 500 (`core/workflow/trade-plan.ts`); their derivations are in
 * `tests/workflow/trade-plan.test.ts` and `plan-fix.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePlan, suggestPlanFix, type PlanWarningCode, type TradePlan } from '../../src/lib/core/workflow/trade-plan.ts';
import type { Cluster } from '../../src/lib/core/types.ts';
import { planFixSteps, planWarningLine, planWarningWords } from '../../src/lib/wording/plan.ts';
import { cluster, context, plan } from '../workflow/plan-fixtures.ts';

function wordsOf(code: PlanWarningCode, change: Partial<TradePlan>, clusters: Cluster[] = []) {
	const warning = evaluatePlan(plan(change), context(clusters)).warnings.find((w) => w.code === code);
	if (!warning) throw new Error(`no ${code} warning`);
	return planWarningWords(warning);
}

describe('plan warning wording', () => {
	const stack = [cluster('long', 98_800, 99_200), cluster('long', 98_650, 98_750)];
	// [what, code, plan change, clusters, message, suggestion]
	const cases: [string, PlanWarningCode, Partial<TradePlan>, Cluster[], string, string][] = [
		[
			'a stop inside a bright cluster: beyond it (98,800 − ¼·400) or at the swing low',
			'stop-in-cluster',
			{},
			[cluster('long', 98_800, 99_200)],
			'the stop 99,000 sits inside a bright long cluster (98,800–99,200): it gets swept with the crowd',
			'move the stop just beyond the cluster, to 98,700, or to the swing low 98,500'
		],
		[
			'a stop inside a stack: "stacked clusters", past both (98,550)',
			'stop-in-cluster',
			{},
			stack,
			'the stop 99,000 sits inside a bright long cluster (98,800–99,200): it gets swept with the crowd',
			'move the stop just beyond the stacked clusters, to 98,550, or to the swing low 98,500'
		],
		[
			'a liquidation before the stop (100x: 99,397.59), the safe leverage 52x',
			'liquidation-before-stop',
			{ leverage: 100 },
			[],
			'your liquidation price 99,397.6 is reached before the stop 99,000',
			'lower leverage to 52x or less'
		],
		[
			'too little buffer (60x: liquidation 98,728.2, 0.27 % from the stop)',
			'no-margin-buffer',
			{ leverage: 60 },
			[],
			'only 0.27 % between the stop and your liquidation price 98,728.2',
			'lower leverage to 52x for at least 500 USDT of buffer'
		],
		[
			'a liquidation inside a dense cluster of its side (20x: 95,381.5 in 95,200–95,600; 19x clears it)',
			'liquidation-in-cluster',
			{ leverage: 20 },
			[cluster('long', 95_200, 95_600)],
			'your liquidation price 95,381.5 is inside a dense long cluster (95,200–95,600): a cascade there takes you with it',
			'lower leverage to 19x so your liquidation lies beyond 95,200'
		],
		[
			'a target beyond the nearest opposing cluster',
			'target-beyond-cluster',
			{},
			[cluster('short', 101_500, 102_000)],
			'target 1 (103,000) lies beyond the nearest opposing cluster at 101,500–102,000',
			'take partial profit at 101,500, where momentum often cools once that liquidity is consumed'
		],
		['a stop on the wrong side', 'invalid-stop', { stop: 100_500 }, [], 'the stop 100,500 is not below the entry 100,000', 'put the stop below the entry, where the idea is invalid'],
		['a target on the wrong side', 'invalid-target', { targets: [98_000] }, [], 'target 1 (98,000) is on the losing side of the entry', 'move target 1 above 100,000'],
		// 2 % of 10,000 = 200 USDT
		['risk above 2 %', 'risk-too-high', { riskPct: 5 }, [], 'risking 5 % of the account on one trade', 'risk at most 2 % (200 USDT)'],
		// 5 % of 1,000 over a 1,000 stop = 0.05 BTC = 5,000 USDT at 1x
		[
			'margin above the account',
			'margin-exceeds-account',
			{ accountSize: 1_000, riskPct: 5, leverage: 1 },
			[],
			"the position needs 5,000 USDT of margin, more than the account's 1,000",
			'raise leverage to at least 5x or risk less'
		]
	];
	it.each(cases)('%s', (_what, code, change, clusters, message, suggestion) => {
		expect(wordsOf(code, change, clusters)).toEqual({ message, suggestion });
	});

	it('one line per warning for step 7, the CLI and the export', () => {
		const [warning] = evaluatePlan(plan({ leverage: 100 }), context()).warnings;
		expect(planWarningLine(warning)).toBe('your liquidation price 99,397.6 is reached before the stop 99,000 → lower leverage to 52x or less');
	});
});

describe('plan fix wording', () => {
	it('names each changed field in the order decided (stop past the stack 98,550, then 42x: plan-fix.test.ts)', () => {
		const stack = [cluster('long', 98_800, 99_200), cluster('long', 98_650, 98_750)];
		const fix = suggestPlanFix(plan({ leverage: 100 }), context(stack))!;
		expect(planFixSteps(fix)).toEqual(['stop → 98,550', 'leverage → 42x']);
		expect(planFixSteps({ change: { riskPct: 2, targets: [101_500, 102_250.5] } })).toEqual(['risk → 2 %', 'targets → 101,500, 102,250.5']);
	});
});
