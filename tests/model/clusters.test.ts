import { describe, expect, it } from 'vitest';
import { detectClusters, nearestStrongClusters } from '../../src/lib/core/model/clusters.ts';
import type { LiquidationMap } from '../../src/lib/core/types.ts';

/** A hand-made map: bins of 100 USDT from 90,000; long bins below 100,000, short bins above. */
function map(long: number[], short: number[]): LiquidationMap {
	const size = Math.max(long.length, short.length);
	const pad = (values: number[]) => Float64Array.from({ length: size }, (_, i) => values[i] ?? 0);
	const maxBin = Math.max(...pad(long), ...pad(short));
	return { priceMin: 90_000, binWidth: 100, long: pad(long), short: pad(short), maxBin };
}

describe('detectClusters on a hand-made map', () => {
	// long bins 0..4 (90,000–90,500): 10, 40, 50, 10, 30 → with threshold 0.25 of max 100:
	//   bins 1–2 form one cluster (40, 50), bin 4 (30) another; bins 0 and 3 are below 25.
	// short bins 150..152 (105,000–105,300): 100, 80, 0 → one cluster of two bins.
	const long = [10, 40, 50, 10, 30];
	const short: number[] = [];
	short[150] = 100;
	short[151] = 80;
	const clusters = detectClusters(map(long, short), { threshold: 0.25, lastClose: 100_000, atr: 500 });

	it('merges adjacent bins above the threshold, per side, strongest first', () => {
		expect(clusters.map((c) => [c.side, c.low, c.high, c.notional])).toEqual([
			['short', 105_000, 105_200, 180],
			['long', 90_100, 90_300, 90],
			['long', 90_400, 90_500, 30]
		]);
	});

	it('reports centre, intensity, percentile and distances', () => {
		const [short, long] = clusters;
		// centre = (100·105,050 + 80·105,150)/180 = 105,094.44
		expect(short.price.toFixed(2)).toBe('105094.44');
		expect(short.intensity).toBe(1);
		expect(short.percentile).toBe(100); // the largest of 7 non-empty bins
		expect(short.distancePct.toFixed(4)).toBe('5.0944');
		expect(short.distanceAtr!.toFixed(3)).toBe('10.189'); // 5,094.44 / 500
		// long centre = (40·90,150 + 50·90,250)/90 = 90,205.56; peak 50 → intensity 0.5; 50 is ≥ 4 of 7 bins
		expect(long.price.toFixed(2)).toBe('90205.56');
		expect(long.intensity).toBe(0.5);
		expect(long.percentile.toFixed(2)).toBe(((100 * 5) / 7).toFixed(2)); // values ≤ 50: 10, 10, 30, 40, 50
		expect(long.distancePct.toFixed(4)).toBe('-9.7944');
	});

	it('splits a run at a deep valley into two clusters', () => {
		const valley = detectClusters(map([80, 30, 90], []), { threshold: 0.25, lastClose: 100_000, atr: null });
		expect(valley.map((c) => [c.low, c.high])).toEqual([
			[90_200, 90_300],
			[90_000, 90_100]
		]);
		const shallow = detectClusters(map([80, 60, 90], []), { threshold: 0.25, lastClose: 100_000, atr: null });
		expect(shallow.map((c) => [c.low, c.high])).toEqual([[90_000, 90_300]]);
		expect(shallow[0].distanceAtr).toBeNull();
	});

	it('picks the strongest clusters above and below the price, nearest first', () => {
		const { above, below } = nearestStrongClusters(clusters, 2);
		expect(above.map((c) => c.low)).toEqual([105_000]);
		expect(below.map((c) => c.low)).toEqual([90_400, 90_100]);
	});

	it('finds nothing in an empty map', () => {
		expect(detectClusters(map([0], [0]), { threshold: 0.25, lastClose: 1, atr: null })).toEqual([]);
	});
});
