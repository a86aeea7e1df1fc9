/**
 * The checklist's sentences (`src/lib/wording/checklist.ts`), on the hand-made analyses of the core tests
 * (`tests/workflow/checklist-fixtures.ts`: last close 100, ATR 2, 15m chart, 4h context). These are the sentences the
 * checklist showed before core returned codes: the panel, the export and the CLI read the same.
 */
import { describe, expect, it } from 'vitest';
import { evaluateChecklist } from '../../src/lib/core/workflow/checklist.ts';
import { checklistStepWords } from '../../src/lib/wording/checklist.ts';
import { candle } from '../helpers.ts';
import { analysis, flat, scored } from '../workflow/checklist-fixtures.ts';

const words = (result: ReturnType<typeof evaluateChecklist>, n: number) => checklistStepWords(result.steps[n - 1]);

describe('checklist wording', () => {
	it('step 1: preset, chart and context trend; the trend basis; no derivatives said plainly', () => {
		expect(words(evaluateChecklist(analysis({})), 1)).toEqual({
			title: 'Context',
			summary: 'Intraday: 15m chart, 4h trend up',
			// fixture context: no structure event, EMA(50) slope 0 (flat)
			details: [
				'4h trend up: no structure break, EMA(50) flat 0.000 %/bar',
				'higher timeframe as a filter only',
				'funding and open interest: no derivatives data for this source'
			]
		});
		expect(words(evaluateChecklist(analysis({ context: null })), 1).summary).toBe('15m chart: not enough data for a higher-timeframe trend');
	});

	it('step 1 with derivatives: the crowded side in the summary, funding and OI in the details', () => {
		const a = analysis({});
		// funding 0.06 % per 8 h at the last candle (extreme: longs crowded); OI 8.0e9 → 8.2e9 over the 24 h window
		const derivatives = {
			funding: [{ time: a.lastTime, rate: 0.0006 }],
			openInterest: [
				{ time: a.lastTime - 24 * 3_600_000, value: 8e9 },
				{ time: a.lastTime, value: 8.2e9 }
			],
			realised: []
		};
		expect(words(evaluateChecklist(a, null, derivatives), 1)).toEqual({
			title: 'Context',
			summary: 'Intraday: 15m chart, 4h trend up; funding extreme: longs crowded',
			details: [
				'4h trend up: no structure break, EMA(50) flat 0.000 %/bar',
				'higher timeframe as a filter only',
				'funding +0.0600 % per 8 h (+65.70 % a year): extreme, longs crowded (longs pay shorts)',
				'open interest rising +2.5 % over 24 h ($8.00B → $8.20B)'
			]
		});
		// with derivatives but no prints yet, step 6 measures six: OI +2.5 % over the last 12 bars (from the reading
		// 24 h back) but the flat fixture's close did not move toward the cluster; no prints to compare
		const six = words(evaluateChecklist(analysis({ clusters: [scored('short', 110, 111)] }), null, derivatives), 6);
		expect(six.summary).toBe('0 of 6 confirmations for 110–111');
		expect(six.details.slice(4)).toEqual([
			'OI rising into it: no (OI +2.5 %, price +0.00 % not toward it over the last 12 bars)',
			'realised short liquidations spiking: too little history (0 of the 12 baseline bars since the first print)'
		]);
	});

	it('steps 2 and 5: the nearest clusters with distance in % and ATR, late and far flagged', () => {
		// centres 100.5 and 130: +0.50 % / 0.25 ATR and +30 % / 15 ATR; recent range 1 ATR
		const clusters = [scored('short', 100, 101), scored('short', 129, 131), scored('short', 140, 141), scored('long', 90, 91, { intensity: 0.3 })];
		const result = evaluateChecklist(analysis({ clusters }));
		expect(words(result, 2)).toEqual({
			title: 'Nearest bright clusters',
			summary: '2 above, 0 below; 1 reachable within the recent 1.0-ATR range',
			details: ['short 100–101 · 80 % · +0.50 % (0.3 ATR) · reachable', 'short 129–131 · 80 % · +30.00 % (15.0 ATR) · out of reach for now']
		});
		expect(words(result, 5)).toEqual({
			title: 'Distance',
			summary: 'strongest cluster +0.50 % (0.3 ATR)',
			details: ['100–101: +0.50 % (0.3 ATR) · already at the target (late)', '129–131: +30.00 % (15.0 ATR) · far: wait for an impulse']
		});
		expect(words(evaluateChecklist(analysis({})), 2).summary).toBe('no bright cluster (intensity ≥ 50 %) on the map');
	});

	it('step 3: the level a cluster sits on (two reasons at most), or a wick-through', () => {
		const level = { price: 105, source: 'prior-week-high' as const, time: 0 };
		const swing = { price: 105.2, source: 'swing-high' as const, time: Date.UTC(2025, 5, 30, 14) };
		const zone = {
			...{ low: 104, high: 106, price: 105, levels: [level, swing], touches: 3, rejections: 1, ageBars: 10, strength: 0.7 },
			reasons: [{ code: 'level' as const, level }, { code: 'level' as const, level: swing }, { code: 'rejections' as const, count: 1 }]
		};
		const result = evaluateChecklist(analysis({ clusters: [scored('short', 104, 105, { zone }), scored('long', 95, 96)] }));
		expect(words(result, 3)).toEqual({
			title: 'Support / resistance alignment',
			summary: '1 of 2 on a level',
			details: ['104–105: on prior-week high, swing high 06-30 14:00', '95–96: no structure: likely wick-through']
		});
	});

	it('step 4: the vulnerable side and the bright notional on each side', () => {
		const result = evaluateChecklist(
			analysis({ clusters: [scored('short', 104, 105, { score: 80, notional: 3e6 }), scored('long', 95, 96, { score: 40, notional: 1e6 })] })
		);
		// 3e6 / 1e6 = 3.0× above
		expect(words(result, 4)).toEqual({
			title: 'Vulnerable side',
			summary: 'shorts at risk: strongest nearby cluster 104–105 (score 80)',
			details: ['bright notional above $3.0M vs below $1.0M (3.0× above)']
		});
	});

	it('step 6: the confirmations met of those measured, each with its evidence', () => {
		const rising = flat(Array.from({ length: 6 }, (_, i) => candle(48 + i, 100 + i * 0.5, 101 + i * 0.5, 99 + i * 0.5, 100.5 + i * 0.5, 20)));
		const events = [{ index: 50, time: rising[50].time, kind: 'BOS' as const, direction: 'up' as const, level: 101, swingIndex: 40, swingTime: rising[40].time }];
		const result = evaluateChecklist(analysis({ candles: rising, clusters: [scored('short', 110, 111)], structure: { swings: [], events, trend: 'up' } }));
		expect(words(result, 6)).toEqual({
			title: 'Confirmations',
			summary: '2 of 4 confirmations for 110–111',
			details: [
				'volume rising into 110–111: yes (2.0× the prior average)',
				'RSI divergence toward it: no',
				'BOS/CHoCH toward it: yes, BOS up through 101',
				'reaction at a cluster: no',
				'OI rising into it, realised liquidations spiking: no derivatives data for this source'
			]
		});
		expect(words(evaluateChecklist(analysis({})), 6)).toEqual({ title: 'Confirmations', summary: 'no cluster to confirm', details: [] });
	});

	it('step 7: the plan in one line, warnings as "message → suggestion"', () => {
		const plan = { side: 'long' as const, entry: 100, stop: 98, targets: [104], accountSize: 1000, riskPct: 1, leverage: 5, marginMode: 'isolated' as const };
		// 5 BTC, R/R 2, liquidation 80.32 → "80"
		expect(words(evaluateChecklist(analysis({}), plan), 7)).toEqual({ title: 'Plan', summary: 'long 5.0000 BTC, R/R 2.00, liquidation 80', details: [] });
		// The short cluster 102–103 is the nearest opposing one: target 104 lies beyond it.
		expect(words(evaluateChecklist(analysis({ clusters: [scored('short', 102, 103)] }), plan), 7).details).toEqual([
			'target 1 (104) lies beyond the nearest opposing cluster at 102–103 → take partial profit at 102, where momentum often cools once that liquidity is consumed'
		]);
		expect(words(evaluateChecklist(analysis({})), 7)).toEqual({ title: 'Plan', summary: 'write the plan: entry, stop, targets', details: [] });
	});
});
