/**
 * `ModelRun` (the analysis' liquidation engine run, `core/analysis/analyze.ts`) fed candle by candle, as calibration
 * and a live session feed it, equals a run over all the candles at once: the same engine fed the same candles in order.
 */
import { describe, expect, it } from 'vitest';
import { ModelRun } from '../../src/lib/core/analysis/analyze.ts';
import { DEFAULT_MODEL } from '../../src/lib/core/analysis/params.ts';
import { LiquidationEngine } from '../../src/lib/core/model/liquidation-engine.ts';
import { resampleToTimeframe } from '../../src/lib/core/market/resample.ts';
import { randomWalkCandles } from '../../src/lib/core/market/synthetic.ts';
import { embeddedCandles, HOUR } from '../helpers.ts';

describe('ModelRun: extending candle by candle equals a full run', () => {
	const candles = resampleToTimeframe(embeddedCandles(), '1h', 300_000);
	const model = { ...DEFAULT_MODEL, binWidth: 100 };
	const frame = { candles, candleMs: HOUR, openInterest: null };

	it('gives the same map and clusters as one run over the same candles', () => {
		const stepped = new ModelRun(frame, model, false, 200);
		for (let end = 201; end <= candles.length; end++) stepped.extend(frame, end);
		const whole = new ModelRun(frame, model, false);
		const close = candles[candles.length - 1].close;
		const a = stepped.mapAndClusters(close, 500);
		const b = whole.mapAndClusters(close, 500);
		expect(a.map.priceMin).toBe(b.map.priceMin);
		expect([...a.map.long]).toEqual([...b.map.long]);
		expect([...a.map.short]).toEqual([...b.map.short]);
		expect(a.clusters).toEqual(b.clusters);
		expect(a.clusters.length).toBeGreaterThan(0);
	});

	it('matches a bare engine to the dollar, keeps emptied bins at zero, and grows its grid both ways', () => {
		const walk = randomWalkCandles({ count: 3000, seed: 11, intervalMs: HOUR, startPrice: 50_000, sigma5m: 0.004 });
		// No decay here: old levels would otherwise legitimately shrink to dust.
		const noDecay = { ...DEFAULT_MODEL, binWidth: 50, decayHalfLifeHours: null };
		const walkFrame = { candles: walk, candleMs: HOUR, openInterest: null };
		const run = new ModelRun(walkFrame, noDecay, false, 10);
		for (let end = 11; end <= walk.length; end++) run.extend(walkFrame, end);
		const { map } = run.mapAndClusters(walk[walk.length - 1].close, null);
		const engine = new LiquidationEngine({ ...noDecay, candleMs: HOUR, cellWidth: 50 / 8 });
		for (const candle of walk) engine.add(candle);
		const batch = engine.map(map.priceMin, map.binWidth, map.long.length);
		for (let b = 0; b < map.long.length; b++) {
			expect(map.long[b]).toBeCloseTo(batch.long[b], 0); // USDT, to the dollar
			expect(map.short[b]).toBeCloseTo(batch.short[b], 0);
		}
		const range = engine.openRange()!;
		expect(map.priceMin).toBeLessThanOrEqual(range.low);
		expect(map.priceMin + map.long.length * map.binWidth).toBeGreaterThan(range.high);
		expect([...map.long, ...map.short].filter((v) => v > 0 && v < 1e-6)).toEqual([]);
	});
});
