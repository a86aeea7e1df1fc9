import { describe, expect, it } from 'vitest';
import { coveredFraction, predictedVsRealised, traversedRange, type ClusterSnapshot, type JudgedPrint } from '../../src/lib/core/calibration/predicted-vs-realised.ts';

/*
 * Hand-computed example (traversed range 90–110 USDT, span 20):
 * - snapshot A from t=1000: long 95–97 (covers 2/20 = 0.10 of the range), shorts 104–106 and 105–108 (union 104–108:
 *   4/20 = 0.20);
 * - snapshot B from t=2000: long 90–92 (0.10), no short (0).
 * Prints (side, price, notional → snapshot, inside?, notional × cover):
 *   t=500  long 96 1000 → before any snapshot: not judged
 *   t=1000 long 96  100 → A, inside 95–97,      100 × 0.10 = 10
 *   t=1500 short 107 300 → A, inside 105–108,   300 × 0.20 = 60
 *   t=1999 short 100 100 → A, outside,          100 × 0.20 = 20
 *   t=2000 long 96  400 → B (its own time),      outside 90–92, 400 × 0.10 = 40
 *   t=2500 long 91  100 → B, inside 90–92,      100 × 0.10 = 10
 * Realised 1000, inside 100 + 300 + 100 = 500 → 0.5; covered (10 + 60 + 20 + 40 + 10) / 1000 = 0.14; lift 0.5 / 0.14.
 */
const snapshots: ClusterSnapshot[] = [
	{ time: 1000, clusters: [{ side: 'long', low: 95, high: 97 }, { side: 'short', low: 104, high: 106 }, { side: 'short', low: 105, high: 108 }] },
	{ time: 2000, clusters: [{ side: 'long', low: 90, high: 92 }] }
];
const prints: JudgedPrint[] = [
	{ time: 500, side: 'long', price: 96, notional: 1000 },
	{ time: 1000, side: 'long', price: 96, notional: 100 },
	{ time: 1500, side: 'short', price: 107, notional: 300 },
	{ time: 1999, side: 'short', price: 100, notional: 100 },
	{ time: 2000, side: 'long', price: 96, notional: 400 },
	{ time: 2500, side: 'long', price: 91, notional: 100 }
];
const range = { low: 90, high: 110 };

describe('predicted vs realised', () => {
	it('weighs each print by its notional against the clusters shown just before it', () => {
		const result = predictedVsRealised(snapshots, prints, range, 0);
		expect(result.prints).toBe(5);
		expect(result.realisedNotional).toBe(1000);
		expect(result.insideNotional).toBe(500);
		expect(result.insideShare).toBe(0.5);
		expect(result.coveredShare!.toFixed(4)).toBe('0.1400');
		expect(result.lift!.toFixed(4)).toBe('3.5714');
		expect(result.enough).toBe(true);
	});

	it('judges only prints since the view loaded, and says when there are too few', () => {
		// since 1600: the prints at 1999, 2000, 2500 → realised 600, inside 100, covered (20 + 40 + 10) / 600.
		const result = predictedVsRealised(snapshots, prints, range, 1600);
		expect(result.prints).toBe(3);
		expect(result.insideShare!.toFixed(4)).toBe((100 / 600).toFixed(4));
		expect(result.coveredShare!.toFixed(4)).toBe((70 / 600).toFixed(4));
		expect(result.enough).toBe(false);
	});

	it('has no shares without prints, and no coverage without a traversed range', () => {
		const none = predictedVsRealised(snapshots, [], range, 0);
		expect([none.prints, none.insideShare, none.coveredShare, none.lift, none.enough]).toEqual([0, null, null, null, false]);
		const flat = predictedVsRealised(snapshots, prints, { low: 100, high: 100 }, 0);
		expect([flat.insideShare, flat.coveredShare, flat.lift]).toEqual([0.5, null, null]);
	});

	it('counts overlapping clusters once and clips them to the range', () => {
		// 104–106 ∪ 105–108 = 104–108 (4 of 20); 85–92 clipped to 90–92 (2 of 20).
		expect(coveredFraction(snapshots[0].clusters, 'short', range)).toBe(0.2);
		expect(coveredFraction([{ side: 'long', low: 85, high: 92 }], 'long', range)).toBe(0.1);
	});
});

describe('traversed range', () => {
	it('spans the candles opening since the view loaded, the forming one and the prints', () => {
		const candles = [
			{ time: 0, low: 50, high: 150 },
			{ time: 100, low: 95, high: 101 },
			{ time: 200, low: 97, high: 104 }
		];
		// since 100: candles at 100 and 200 (95–104), forming 99–106, a print at 93 → 93–106; the candle at 0 is before.
		expect(traversedRange(candles, { time: 300, low: 99, high: 106 }, [{ time: 150, price: 93 }, { time: 50, price: 10 }], 100)).toEqual({ low: 93, high: 106 });
		expect(traversedRange(candles, null, [], 300)).toBeNull();
	});
});
