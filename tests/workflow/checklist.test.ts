import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/lib/core/analysis/analyze.ts';
import { draftPlan, evaluateChecklist, planContext, presetFor } from '../../src/lib/core/workflow/checklist.ts';
import { evaluatePlan } from '../../src/lib/core/workflow/trade-plan.ts';
import type { ScoredCluster } from '../../src/lib/core/confluence/confluence.ts';
import type { ContextTrend } from '../../src/lib/core/confluence/context.ts';
import { findReactions } from '../../src/lib/core/confluence/reactions.ts';
import type { Candle, Liquidation } from '../../src/lib/core/types.ts';
import { candle } from '../helpers.ts';

/** 48 flat hourly candles 99–101 (ATR 2 given), then the caller's. Recent range = 2/2 → at least 1 ATR. */
function flat(extra: Candle[] = []): Candle[] {
	return [...Array.from({ length: 48 }, (_, i) => candle(i, 100, 101, 99, 100, 10)), ...extra];
}

const context = (trend: ContextTrend['trend']): ContextTrend => ({
	timeframe: '4h',
	trend,
	structureTrend: null,
	emaSlopePct: 0,
	emaLength: 50,
	lastEvent: null,
	reason: `4h trend ${trend}`
});

function scored(side: 'long' | 'short', low: number, high: number, change: Partial<ScoredCluster> = {}): ScoredCluster {
	const price = (low + high) / 2;
	return {
		side,
		low,
		high,
		price,
		notional: 1e6,
		intensity: 0.8,
		percentile: 95,
		distancePct: price - 100,
		distanceAtr: (price - 100) / 2,
		score: 50,
		breakdown: [],
		zone: null,
		...change
	};
}

/** A minimal Analysis: last close 100, ATR 2, 15m chart. */
function analysis(change: Partial<Analysis>): Analysis {
	const candles = change.candles ?? flat();
	return {
		timeframe: '15m',
		candles,
		gaps: [],
		lastClose: 100,
		lastTime: candles[candles.length - 1].time,
		atr: 2,
		modelKind: 'volume-proxy',
		openInterestCandles: 0,
		map: { priceMin: 0, binWidth: 1, long: new Float64Array(0), short: new Float64Array(0), maxBin: 0 },
		clusters: [],
		liquidations: [],
		liquidationSeries: { long: new Float64Array(candles.length), short: new Float64Array(candles.length) },
		history: null,
		totals: { opened: 0, open: 0, liquidated: 0, closed: 0 },
		indicators: { rsi: 50, atr: 2 },
		rsi: [],
		volumeSma: [],
		structure: { swings: [], events: [], trend: null },
		divergences: [],
		supportResistance: { zones: [], ranges: [] },
		context: context('up'),
		volumeProfile: null,
		...change
	};
}

const step = (result: ReturnType<typeof evaluateChecklist>, n: number) => result.steps[n - 1];

describe('checklist steps on hand-made analyses', () => {
	it('step 1: passes with a trending context and names the preset; warns in a range', () => {
		expect(presetFor('15m', '4h')?.label).toBe('Intraday');
		expect(step(evaluateChecklist(analysis({})), 1)).toMatchObject({ status: 'pass', summary: 'Intraday: 15m chart, 4h trend up' });
		expect(step(evaluateChecklist(analysis({ context: context('range') })), 1).status).toBe('warn');
		expect(step(evaluateChecklist(analysis({ context: null })), 1).status).toBe('warn');
	});

	it('steps 2 and 5: picks up to two bright clusters a side, flags late and far ones', () => {
		// recent range = 1 ATR (span 2 / ATR 2): 100.5 is 0.25 ATR away (late), 130 is 15 ATR away (far)
		const clusters = [scored('short', 100, 101), scored('short', 129, 131), scored('short', 140, 141), scored('long', 90, 91, { intensity: 0.3 })];
		const result = evaluateChecklist(analysis({ clusters }));
		expect(result.nearest.above.map((c) => c.low)).toEqual([100, 129]);
		expect(result.nearest.below).toEqual([]); // the long cluster is faint
		expect(step(result, 2).status).toBe('pass');
		expect(step(result, 5).status).toBe('warn');
		expect(step(result, 5).details).toEqual([
			'100–101: +0.50 % (0.3 ATR) · already at the target (late)',
			'129–131: +30.00 % (15.0 ATR) · far: wait for an impulse'
		]);
	});

	it('step 3: names the level a cluster sits on, or predicts a wick-through', () => {
		const zone = { low: 104, high: 106, price: 105, levels: [], touches: 3, rejections: 1, ageBars: 10, strength: 0.7, reasons: ['prior-week high'] };
		const result = evaluateChecklist(analysis({ clusters: [scored('short', 104, 105, { zone }), scored('long', 95, 96)] }));
		expect(step(result, 3).status).toBe('pass');
		expect(step(result, 3).details).toEqual(['104–105: on prior-week high', '95–96: no structure: likely wick-through']);
		expect(step(evaluateChecklist(analysis({ clusters: [scored('long', 95, 96)] })), 3).status).toBe('warn');
	});

	it('step 4: the strongest nearby cluster tells the vulnerable side, with the imbalance', () => {
		const result = evaluateChecklist(
			analysis({ clusters: [scored('short', 104, 105, { score: 80, notional: 3e6 }), scored('long', 95, 96, { score: 40, notional: 1e6 })] })
		);
		expect(step(result, 4).summary).toBe('shorts at risk: strongest nearby cluster 104–105 (score 80)');
		expect(step(result, 4).details).toEqual(['bright notional above $3.0M vs below $1.0M (3.0× above)']);
	});

	it('step 6: counts confirmations toward the strongest cluster', () => {
		const rising = flat(Array.from({ length: 6 }, (_, i) => candle(48 + i, 100 + i * 0.5, 101 + i * 0.5, 99 + i * 0.5, 100.5 + i * 0.5, 20)));
		const events = [{ index: 50, time: rising[50].time, kind: 'BOS' as const, direction: 'up' as const, level: 101, swingIndex: 40, swingTime: rising[40].time }];
		const result = evaluateChecklist(analysis({ candles: rising, clusters: [scored('short', 110, 111)], structure: { swings: [], events, trend: 'up' } }));
		expect(step(result, 6).summary).toBe('2 of 4 confirmations for 110–111');
		expect(step(result, 6).status).toBe('pass');
		expect(step(result, 6).details[0]).toBe('volume rising into 110–111: yes (2.0× the prior average)');
		expect(step(result, 6).details[2]).toBe('BOS/CHoCH toward it: yes, BOS up through 101');
		expect(step(evaluateChecklist(analysis({ clusters: [scored('short', 110, 111)] })), 6).status).toBe('warn');
	});

	it('step 7: informs until a plan exists, then passes or warns on its checks', () => {
		expect(step(evaluateChecklist(analysis({})), 7).status).toBe('info');
		const plan = { side: 'long' as const, entry: 100, stop: 98, targets: [104], accountSize: 1000, riskPct: 1, leverage: 5, marginMode: 'isolated' as const };
		const clean = evaluateChecklist(analysis({}), plan);
		expect(step(clean, 7).status).toBe('pass');
		// 1 % of 1,000 over a 2-point stop = 5 BTC; liquidation (500 − 100)/(5·0.996) = 80.3
		expect(step(clean, 7).summary).toBe('long 5.0000 BTC, R/R 2.00, liquidation 80');
		const risky = evaluateChecklist(analysis({ clusters: [scored('short', 102, 103)] }), plan);
		expect(step(risky, 7).status).toBe('warn');
		expect(risky.plan?.warnings.map((w) => w.code)).toEqual(['target-beyond-cluster']);
	});

	it('step 7: a liquidation before the stop blocks (red), not "check"', () => {
		// 100x: liquidation (500 − 5)/(5·0.996) = 99.4, above the stop 98 → reached first.
		const plan = { side: 'long' as const, entry: 100, stop: 98, targets: [104], accountSize: 1000, riskPct: 1, leverage: 100, marginMode: 'isolated' as const };
		const result = evaluateChecklist(analysis({}), plan);
		expect(result.plan?.warnings.map((w) => w.code)).toContain('liquidation-before-stop');
		expect(step(result, 7).status).toBe('block');
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
