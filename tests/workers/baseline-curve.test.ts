/** The baseline curve, built from the calibration's own outcomes, reproduces the baseline `calibrate()` records for each of its events (same evaluation times). */
import { describe, expect, it } from 'vitest';
import { calibrationRun, DEFAULT_CALIBRATION } from '../../src/lib/core/calibration/calibration.ts';
import { defaultAnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { randomWalkCandles } from '../../src/lib/core/market/synthetic.ts';
import { baselineAt, baselineCurve } from '../../src/lib/workers/baseline-curve.ts';

describe('baseline curve', () => {
	it("equals calibrate()'s baseline at every event's distance", () => {
		const candles = randomWalkCandles({ count: 3000, seed: 7, intervalMs: 15 * 60_000 });
		const options = { ...DEFAULT_CALIBRATION, horizon: 24, bootstrap: 50 };
		const { calibration: result, outcomes } = calibrationRun(candles, { ...defaultAnalysisParams(), timeframe: '15m' }, options);
		expect(result.detail.length).toBeGreaterThan(20);
		const curve = baselineCurve(outcomes);
		for (const event of result.detail) expect(baselineAt(curve, event.side, event.distanceAtr)).toBeCloseTo(event.baseline, 12);
	});

	it('is 1 at distance 0 and falls with distance', () => {
		const curve = { up: Float64Array.from([0.5, 1, 2, 4]), down: Float64Array.from([0, 3]) };
		expect(baselineAt(curve, 'short', 0)).toBe(1);
		expect(baselineAt(curve, 'short', 1)).toBe(0.75);
		expect(baselineAt(curve, 'short', 5)).toBe(0);
		expect(baselineAt(curve, 'long', 1)).toBe(0.5);
		expect(baselineAt({ up: new Float64Array(), down: new Float64Array() }, 'long', 1)).toBeNull();
	});
});
