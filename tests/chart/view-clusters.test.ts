import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/core/analysis/analyze.ts';
import { defaultAnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { rangeOf, strongestInReach, viewReach } from '../../src/lib/chart/common/view-clusters.ts';
import type { Cluster } from '../../src/lib/core/types.ts';
import { embeddedCandles } from '../helpers.ts';

const cluster = (side: Cluster['side'], low: number, high: number, notional: number): Cluster => ({
	side,
	low,
	high,
	price: (low + high) / 2,
	notional,
	intensity: 0.5,
	percentile: 50,
	distancePct: 0,
	distanceAtr: null
});

describe('default view clusters', () => {
	it('reach is 8 ATR, or 2 % of the close when that is wider', () => {
		expect(viewReach(100_000, 500)).toBe(4000); // 8 × 500
		expect(viewReach(100_000, 100)).toBe(2000); // 2 % of 100,000 > 8 × 100
		expect(viewReach(100_000, null)).toBe(2000);
	});

	it('takes the largest notional per side whose near edge is within reach', () => {
		const clusters = [
			cluster('short', 101_000, 101_500, 10e6),
			cluster('short', 103_000, 104_000, 90e6), // near edge 3,000 away: in reach (4,000)
			cluster('short', 104_100, 105_000, 500e6), // 4,100 away: beyond
			cluster('long', 98_000, 99_000, 5e6),
			cluster('long', 90_000, 91_000, 900e6) // 9,000 away: beyond
		];
		const picked = strongestInReach(clusters, 100_000, 500);
		expect(picked.map((c) => [c.side, c.low])).toEqual([
			['short', 103_000],
			['long', 98_000]
		]);
		expect(rangeOf(picked)).toEqual({ low: 98_000, high: 104_000 });
		expect(rangeOf([])).toBeNull();
	});

	it('on the sample (default 15m view) includes the $202M short cluster 110,500–111,500 (issue 14)', () => {
		const analysis = analyze({ candles: embeddedCandles() }, defaultAnalysisParams());
		const picked = strongestInReach(analysis.clusters, analysis.lastClose, analysis.atr);
		const short = picked.find((c) => c.side === 'short')!;
		// From the analysis of the sample: close 109,385.4, ATR(14) 355.0 → reach 2,840.
		expect([short.low, short.high]).toEqual([110_500, 111_500]);
		expect(Math.round(short.notional / 1e6)).toBe(202);
		const long = picked.find((c) => c.side === 'long')!;
		expect([long.low, long.high]).toEqual([107_400, 107_500]);
	});
});
