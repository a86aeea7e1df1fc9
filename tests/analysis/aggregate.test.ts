/**
 * Aggregate mode (`core/aggregate.ts`): maps summed on one grid with notional preserved, agreement counts, and the
 * aggregate of identical sources (the sum is twice each map, so clusters and relative intensities are those of one
 * source and every cluster is on both). Hand-made maps; expected numbers follow from the overlap rule by hand.
 */
import { describe, expect, it } from 'vitest';
import { aggregateAnalyses, clusterAgreement, sumMaps } from '../../src/lib/core/analysis/aggregate.ts';
import { analyze } from '../../src/lib/core/analysis/analyze.ts';
import { defaultAnalysisParams } from '../../src/lib/core/analysis/params.ts';
import type { Cluster, LiquidationMap } from '../../src/lib/core/types.ts';
import { embeddedCandles } from '../helpers.ts';

function map(priceMin: number, binWidth: number, long: number[], short: number[] = long.map(() => 0)): LiquidationMap {
	return { priceMin, binWidth, long: Float64Array.from(long), short: Float64Array.from(short), maxBin: Math.max(...long, ...short) };
}

const total = (m: LiquidationMap) => [...m.long, ...m.short].reduce((a, b) => a + b, 0);

describe('sumMaps', () => {
	it('re-bins onto the widest bin width and preserves the notional', () => {
		const fine = map(1000, 50, [0, 10, 4, 0], [0, 0, 0, 6]); // 1050–1100: 10 long; 1100–1150: 4 long; 1150–1200: 6 short
		const coarse = map(1000, 100, [0, 5], [2, 0]);
		const sum = sumMaps([fine, coarse]);
		expect(sum.binWidth).toBe(100);
		expect(sum.priceMin).toBe(1000);
		expect([...sum.long]).toEqual([10, 9]);
		expect([...sum.short]).toEqual([2, 6]);
		expect(sum.maxBin).toBe(10);
		expect(total(sum)).toBe(total(fine) + total(coarse));
	});

	it('splits a bin that straddles two common bins by overlap (8 over 1050–1150 → 4 + 4)', () => {
		const sum = sumMaps([map(1000, 100, [1, 0]), map(1050, 100, [8])]);
		expect([...sum.long]).toEqual([1 + 4, 4]);
	});
});

describe('agreement', () => {
	const cluster = (side: 'long' | 'short', low: number, high: number) => ({ side, low, high, price: (low + high) / 2 }) as Cluster;

	it('counts exchanges whose own cluster of the same side overlaps', () => {
		const sources = [
			{ name: 'Binance', clusters: [cluster('short', 105, 110)] },
			{ name: 'Bybit', clusters: [cluster('short', 100, 104), cluster('long', 90, 95)] },
			{ name: 'OKX', clusters: [cluster('long', 99, 101)] }
		];
		const [above, below] = clusterAgreement([cluster('short', 103, 106), cluster('long', 94, 96)], sources);
		expect(above).toMatchObject({ exchanges: ['Binance', 'Bybit'], count: 2, total: 3 });
		expect(below).toMatchObject({ exchanges: ['Bybit'], count: 1, total: 3 });
	});
});

describe('aggregateAnalyses', () => {
	it('two identical sources: twice the map, the same clusters, every cluster on both', () => {
		const params = { ...defaultAnalysisParams(), timeframe: '1h' as const, lookbackDays: 14 };
		const one = analyze({ candles: embeddedCandles() }, params);
		const { analysis, agreement, included } = aggregateAnalyses([{ name: 'A', analysis: one }, { name: 'B', analysis: one }], params);
		expect(included).toEqual(['A', 'B']);
		expect(total(analysis.map)).toBeCloseTo(2 * total(one.map), 0);
		expect(analysis.clusters.map((c) => [c.side, c.low, c.high])).toEqual(one.clusters.map((c) => [c.side, c.low, c.high]));
		expect(analysis.clusters.map((c) => c.intensity.toFixed(6))).toEqual(one.clusters.map((c) => c.intensity.toFixed(6)));
		expect(agreement.map((a) => [a.count, a.total])).toEqual(one.clusters.map(() => [2, 2]));
		expect(analysis.totals.opened).toBeCloseTo(2 * one.totals.opened, 0);
		expect(analysis.candles).toBe(one.candles);
	});
});
