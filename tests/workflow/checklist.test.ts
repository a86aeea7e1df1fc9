/**
 * The checklist's steps as codes and numbers (the sentences are tested in `tests/wording/checklist-wording.test.ts`),
 * on hand-made analyses (`checklist-fixtures.ts`: last close 100, ATR 2).
 */
import { describe, expect, it } from 'vitest';
import { draftPlan, evaluateChecklist, planContext, presetFor } from '../../src/lib/core/workflow/checklist.ts';
import { evaluatePlan } from '../../src/lib/core/workflow/trade-plan.ts';
import { findReactions } from '../../src/lib/core/confluence/reactions.ts';
import type { Candle, Liquidation } from '../../src/lib/core/types.ts';
import { candle } from '../helpers.ts';
import { analysis, context, flat, scored } from './checklist-fixtures.ts';


/** A zone made of one prior-week high and one rejection. */
function priorWeekZone() {
	const level = { price: 105, source: 'prior-week-high' as const, time: 0 };
	return {
		low: 104,
		high: 106,
		price: 105,
		levels: [level],
		touches: 3,
		rejections: 1,
		ageBars: 10,
		strength: 0.7,
		reasons: [{ code: 'level' as const, level }, { code: 'rejections' as const, count: 1 }]
	};
}

describe('checklist steps on hand-made analyses', () => {
	it('step 1: passes with a trending context and names the preset; warns in a range', () => {
		expect(presetFor('15m', '4h')?.id).toBe('intraday');
		const [first] = evaluateChecklist(analysis({})).steps;
		expect(first).toMatchObject({ status: 'pass', timeframe: '15m', preset: { id: 'intraday' }, context: { timeframe: '4h', trend: 'up' } });
		// No derivatives given: both readings say so, nothing is made up.
		expect([first.funding, first.openInterest]).toEqual([{ code: 'no-derivatives' }, { code: 'no-derivatives' }]);
		expect(evaluateChecklist(analysis({ context: context('range') })).steps[0].status).toBe('warn');
		expect(evaluateChecklist(analysis({ context: null })).steps[0].status).toBe('warn');
	});

	it('steps 2 and 5: picks up to two bright clusters a side, flags late and far ones', () => {
		// recent range = 1 ATR (span 2 / ATR 2): 100.5 is 0.25 ATR away (late), 130 is 15 ATR away (far)
		const clusters = [scored('short', 100, 101), scored('short', 129, 131), scored('short', 140, 141), scored('long', 90, 91, { intensity: 0.3 })];
		const result = evaluateChecklist(analysis({ clusters }));
		expect(result.nearest.above.map((c) => c.low)).toEqual([100, 129]);
		expect(result.nearest.below).toEqual([]); // the long cluster is faint
		const [, nearest, , , distance] = result.steps;
		expect(nearest).toMatchObject({ status: 'pass', reachAtr: 1, above: 2, below: 0 });
		expect(nearest.clusters.map((c) => c.reachable)).toEqual([true, false]);
		expect(distance.status).toBe('warn');
		// distance in ATR = (centre − 100) / 2: 0.25 (< 0.5: late) and 15 (> the 1-ATR range: far)
		expect(distance.clusters.map((c) => [c.cluster.distanceAtr, c.flag])).toEqual([
			[0.25, 'late'],
			[15, 'far']
		]);
	});

	it('step 3: names the level a cluster sits on, or predicts a wick-through', () => {
		const zone = priorWeekZone();
		const result = evaluateChecklist(analysis({ clusters: [scored('short', 104, 105, { zone }), scored('long', 95, 96)] }));
		const alignment = result.steps[2];
		expect(alignment).toMatchObject({ status: 'pass', aligned: 1 });
		expect(alignment.clusters.map((c) => c.zone)).toEqual([zone, null]);
		expect(evaluateChecklist(analysis({ clusters: [scored('long', 95, 96)] })).steps[2].status).toBe('warn');
	});

	it('step 4: the strongest nearby cluster tells the vulnerable side, with the imbalance', () => {
		const result = evaluateChecklist(
			analysis({ clusters: [scored('short', 104, 105, { score: 80, notional: 3e6 }), scored('long', 95, 96, { score: 40, notional: 1e6 })] })
		);
		const side = result.steps[3];
		expect(side).toMatchObject({ status: 'pass', strongest: { low: 104, high: 105, score: 80 }, brightAbove: 3e6, brightBelow: 1e6 });
	});

	it('step 6: counts confirmations toward the strongest cluster', () => {
		const rising = flat(Array.from({ length: 6 }, (_, i) => candle(48 + i, 100 + i * 0.5, 101 + i * 0.5, 99 + i * 0.5, 100.5 + i * 0.5, 20)));
		const events = [{ index: 50, time: rising[50].time, kind: 'BOS' as const, direction: 'up' as const, level: 101, swingIndex: 40, swingTime: rising[40].time }];
		const result = evaluateChecklist(analysis({ candles: rising, clusters: [scored('short', 110, 111)], structure: { swings: [], events, trend: 'up' } }));
		const confirmations = result.steps[5];
		// Without derivatives, the two derivative confirmations are not measured: 2 met of 4.
		expect(confirmations).toMatchObject({ status: 'pass', confirmed: 2, total: 4, cluster: { low: 110, high: 111 } });
		// volume: mean of the last 6 bars (20) ÷ mean of the 24 before (10) = 2
		expect(confirmations.confirmations[0]).toEqual({ code: 'volume-into-zone', met: true, volumeRatio: 2 });
		expect(confirmations.confirmations[2]).toMatchObject({ code: 'structure-toward', met: true, event: { kind: 'BOS', direction: 'up', level: 101 } });
		expect(confirmations.confirmations.slice(4)).toEqual([
			{ code: 'oi-into-cluster', met: false, reading: { code: 'no-derivatives' } },
			{ code: 'realised-spike', met: false, reading: { code: 'no-derivatives' } }
		]);
		expect(evaluateChecklist(analysis({ clusters: [scored('short', 110, 111)] })).steps[5].status).toBe('warn');
	});

	it('step 7: informs until a plan exists, then passes or warns on its checks', () => {
		expect(evaluateChecklist(analysis({})).steps[6].status).toBe('info');
		const plan = { side: 'long' as const, entry: 100, stop: 98, targets: [104], accountSize: 1000, riskPct: 1, leverage: 5, marginMode: 'isolated' as const };
		const clean = evaluateChecklist(analysis({}), plan);
		expect(clean.steps[6]).toMatchObject({ status: 'pass', side: 'long' });
		// 1 % of 1,000 over a 2-point stop = 5 BTC; R/R (104 − 100)/2 = 2; liquidation (500 − 100)/(5·0.996) = 80.32
		expect(clean.steps[6].evaluation).toMatchObject({ size: 5, riskReward: [2] });
		expect(clean.steps[6].evaluation!.liquidationPrice).toBeCloseTo(400 / (5 * 0.996), 6);
		const risky = evaluateChecklist(analysis({ clusters: [scored('short', 102, 103)] }), plan);
		expect(risky.steps[6].status).toBe('warn');
		expect(risky.plan?.warnings.map((w) => w.code)).toEqual(['target-beyond-cluster']);
	});

	it('step 7: a liquidation before the stop blocks (red), not "check"', () => {
		// 100x: liquidation (500 − 5)/(5·0.996) = 99.4, above the stop 98 → reached first.
		const plan = { side: 'long' as const, entry: 100, stop: 98, targets: [104], accountSize: 1000, riskPct: 1, leverage: 100, marginMode: 'isolated' as const };
		const result = evaluateChecklist(analysis({}), plan);
		expect(result.plan?.warnings.map((w) => w.code)).toContain('liquidation-before-stop');
		expect(result.steps[6].status).toBe('block');
	});
});

describe('a new plan from the checklist context', () => {
	const swing = (kind: 'low' | 'high', price: number, index: number) => ({ kind, price, index, time: index, confirmedIndex: index + 5 });

	it('trades toward the vulnerable side: long to the nearest short cluster above, stop beyond the swing low', () => {
		// Strongest nearby cluster above (score 80) → shorts at risk → long. Target: its near edge 104. Swing low 97.5,
		// clearance max(0.25·2, 0.1 % of 100) = 0.5 → stop 97 (2.5 ATR from 100 ≤ 4 ATR), rounded to 97.
		const a = analysis({
			clusters: [scored('short', 104, 105, { score: 80 }), scored('long', 92, 93, { score: 30 })],
			structure: { swings: [swing('low', 97.5, 10), swing('high', 103, 20)], events: [], trend: null }
		});
		const plan = draftPlan(a);
		expect(plan).toMatchObject({ side: 'long', entry: 100, stop: 97, targets: [104], leverage: 5, marginMode: 'isolated' });
		// Its own target triggers no warning (nor anything else).
		expect(evaluatePlan(plan, planContext(a)).warnings).toEqual([]);
	});

	it('shorts when the strongest nearby cluster is below, and keeps the stop out of a bright cluster there', () => {
		// Strongest below (score 90) → longs at risk → short, target the near edge 95 of 94–95. Swing high 101.5 + 0.5 = 102,
		// which sits in the bright short cluster 101.8–102.4 → past it: 102.4 + 0.5 = 102.9 → 103.
		const a = analysis({
			clusters: [scored('long', 94, 95, { score: 90 }), scored('short', 101.8, 102.4, { score: 40 })],
			structure: { swings: [swing('high', 101.5, 10)], events: [], trend: null }
		});
		const plan = draftPlan(a);
		expect(plan).toMatchObject({ side: 'short', entry: 100, stop: 103, targets: [95] });
		expect(evaluatePlan(plan, planContext(a)).warnings).toEqual([]);
	});
});

describe('reactions at a cluster', () => {
	// Long levels around 95 are swept by bar 50 (low 94); what happens next decides the reaction.
	const sweep = (close: number, after: Candle[]) => {
		const candles = flat([candle(48, 100, 100, 94, close, 30), ...after]);
		const liquidations: Liquidation[] = [{ time: candles[48].time, price: 95, side: 'long', notional: 500_000 }];
		return findReactions(candles, liquidations, 1_000_000);
	};

	it('calls a sweep that closes back above the level a false break', () => {
		expect(sweep(97, []).map((r) => r.kind)).toEqual(['false-break']);
	});

	it('calls a close below then a close back above a reclaim', () => {
		expect(sweep(94.5, [candle(49, 94.5, 96, 94, 95.5)]).map((r) => r.kind)).toEqual(['reclaim']);
	});

	it('calls a close below, a retest from below and closes staying below a hold-and-retest', () => {
		expect(sweep(94.5, [candle(49, 94.5, 95.2, 93, 94), candle(50, 94, 94.5, 92, 93)]).map((r) => r.kind)).toEqual(['hold-and-retest']);
	});

	it('ignores a sweep too small against the largest cluster', () => {
		const candles = flat([candle(48, 100, 100, 94, 97)]);
		expect(findReactions(candles, [{ time: candles[48].time, price: 95, side: 'long', notional: 50_000 }], 1_000_000)).toEqual([]);
	});
});
