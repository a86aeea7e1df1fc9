import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/core/analysis/analyze.ts';
import { DEFAULT_WEIGHTS, scoreClusters, type ConfluenceInput } from '../../src/lib/core/confluence/confluence.ts';
import { defaultAnalysisParams } from '../../src/lib/core/analysis/params.ts';
import type { Cluster } from '../../src/lib/core/types.ts';
import { factorReasonWords } from '../../src/lib/wording/confluence.ts';
import { candle, embeddedCandles } from '../helpers.ts';

const cluster = (change: Partial<Cluster>): Cluster => ({
	side: 'short',
	price: 110,
	low: 109.5,
	high: 110.5,
	notional: 1e6,
	intensity: 1,
	percentile: 100,
	distancePct: 10,
	distanceAtr: 5,
	...change
});

describe('scoreClusters on a hand-made case', () => {
	// 30 flat candles (range 99–101) then 6 rising on 1.5× volume toward a short cluster at 110; ATR 2.
	const priorWeekHigh = { price: 110.2, source: 'prior-week-high' as const, time: 0 };
	const quiet = Array.from({ length: 30 }, (_, i) => candle(i, 100, 101, 99, 100, 10));
	const approach = Array.from({ length: 6 }, (_, i) => candle(30 + i, 100 + i, 101 + i, 99 + i, 101 + i, 15));
	const candles = [...quiet, ...approach];
	const input: ConfluenceInput = {
		candles,
		atr: 2,
		zones: [{ low: 109.8, high: 110.6, price: 110.2, levels: [priorWeekHigh], touches: 0, rejections: 0, ageBars: 0, strength: 0.5, reasons: [{ code: 'level', level: priorWeekHigh }] }],
		divergences: [],
		events: [{ index: 33, time: candles[33].time, kind: 'BOS', direction: 'up', level: 103, swingIndex: 20, swingTime: candles[20].time }],
		context: { timeframe: '4h', trend: 'up', structureTrend: 'up', emaSlopePct: 0.1, emaLength: 50, emaVote: 'up', lastEvent: null },
		weights: DEFAULT_WEIGHTS
	};
	const [scored] = scoreClusters([cluster({})], input);
	const points = Object.fromEntries(scored.breakdown.map((f) => [f.factor, f.points]));

	it('gives each factor its documented points', () => {
		expect(points).toEqual({
			intensity: 25, // 25 × intensity 1
			supportResistance: 10, // 20 × zone strength 0.5
			volume: 10, // approaching on 1.5× the prior volume
			divergence: 0,
			structure: 10, // BOS up 2 bars ago, toward a cluster above
			context: 10, // 4h trend up, toward it
			// recent range over 36 bars: 106 − 99 = 7 → 3.5 ATR; d = 5 ATR: 1 − (5 − 1.75)/(1.5·3.5) = 0.381 → 15 × 0.381
			reachability: 5.7,
			stacking: 0 // single cluster, intensity ≥ 0.4
		});
		expect(scored.score).toBe(70.7);
		expect(scored.breakdown.find((f) => f.factor === 'supportResistance')!.reason).toEqual({
			code: 'sr-zone',
			reasons: [{ code: 'level', level: priorWeekHigh }],
			strength: 0.5
		});
		// the BOS at bar 33 of 36: 2 bars before the last
		expect(scored.breakdown.find((f) => f.factor === 'structure')!.reason).toEqual({ code: 'structure', kind: 'BOS', direction: 'up', barsAgo: 2, toward: true });
	});

	it('scores stacked clusters up and small scattered ones down', () => {
		const [a, b, lone] = scoreClusters(
			[cluster({}), cluster({ low: 111, high: 111.5, price: 111.2 }), cluster({ low: 130, high: 130.5, price: 130.2, intensity: 0.3 })],
			input
		);
		expect(a.breakdown.at(-1)).toEqual({ factor: 'stacking', points: 5, reason: { code: 'stacked', neighbours: 1 } });
		expect(b.breakdown.at(-1)!.points).toBe(5);
		expect(lone.breakdown.at(-1)).toEqual({ factor: 'stacking', points: -5, reason: { code: 'isolated' } });
	});
});

describe('cross-exchange agreement (aggregate mode)', () => {
	const candles = Array.from({ length: 40 }, (_, i) => candle(i, 100, 101, 99, 100, 10));
	const input: ConfluenceInput = { candles, atr: 2, zones: [], divergences: [], events: [], context: null, weights: DEFAULT_WEIGHTS };

	it('scores weight × (k − 1)/(n − 1) for a cluster seen on k of n exchanges', () => {
		const agreement = [
			{ count: 3, total: 3, exchanges: ['Binance', 'Bybit', 'OKX'] },
			{ count: 2, total: 3, exchanges: ['Binance', 'OKX'] },
			{ count: 1, total: 3, exchanges: ['Bybit'] }
		];
		const scored = scoreClusters([cluster({}), cluster({ low: 120, high: 121 }), cluster({ low: 140, high: 141 })], { ...input, agreement });
		expect(scored.map((c) => c.breakdown.find((f) => f.factor === 'agreement'))).toEqual([
			{ factor: 'agreement', points: 10, reason: { code: 'agreement', ...agreement[0] } },
			{ factor: 'agreement', points: 5, reason: { code: 'agreement', ...agreement[1] } },
			{ factor: 'agreement', points: 0, reason: { code: 'agreement', ...agreement[2] } }
		]);
		for (const c of scored) expect(c.breakdown.reduce((s, f) => s + f.points, 0)).toBeCloseTo(c.score, 9);
	});

	it('leaves the factor out for a single source', () => {
		expect(scoreClusters([cluster({})], input)[0].breakdown.some((f) => f.factor === 'agreement')).toBe(false);
	});
});

describe('cluster scores on the real BTC data', () => {
	const result = analyze({ candles: embeddedCandles() }, { ...defaultAnalysisParams(), timeframe: '15m' });

	it('has a breakdown that sums to the score, within 0–100, for every cluster', () => {
		expect(result.clusters.length).toBeGreaterThan(5);
		for (const c of result.clusters) {
			const sum = c.breakdown.reduce((s, f) => s + f.points, 0);
			expect(sum).toBeCloseTo(c.score, 9);
			expect(c.score).toBeGreaterThanOrEqual(0);
			expect(c.score).toBeLessThanOrEqual(100);
			expect(c.breakdown.map((f) => f.factor)).toEqual(Object.keys(DEFAULT_WEIGHTS).filter((name) => name !== 'agreement')); // agreement: aggregate mode only
			for (const f of c.breakdown) expect(factorReasonWords(f.reason).length).toBeGreaterThan(3);
		}
	});

	it('reports the 4h context and the last RSI/ATR', () => {
		expect(result.context?.timeframe).toBe('4h');
		expect(result.indicators.rsi).toBeGreaterThan(0);
		expect(result.indicators.rsi).toBeLessThan(100);
		expect(result.indicators.atr).toBe(result.atr);
	});
});
