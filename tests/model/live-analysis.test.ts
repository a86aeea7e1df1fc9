import { describe, expect, it } from 'vitest';
import { atrSeries, rsiSeries } from '../../src/lib/core/confluence/indicators.ts';
import { LiquidationEngine } from '../../src/lib/core/model/liquidation-engine.ts';
import { LiveAnalysis } from '../../src/lib/core/model/live-analysis.ts';
import { DEFAULT_MODEL } from '../../src/lib/core/analysis/params.ts';
import { resampleToTimeframe } from '../../src/lib/core/market/resample.ts';
import { randomWalkCandles } from '../../src/lib/core/market/synthetic.ts';
import { embeddedCandles, HOUR } from '../helpers.ts';

describe('LiveAnalysis: appending candles one by one equals a full run', () => {
	const candles = resampleToTimeframe(embeddedCandles(), '1h', 300_000);
	const model = { ...DEFAULT_MODEL, binWidth: 100 };

	it('gives the same map, clusters, RSI and ATR as a batch run over the same candles', () => {
		const live = new LiveAnalysis(candles.slice(0, 200), model, HOUR);
		for (const candle of candles.slice(200)) live.append(candle);
		const map = live.map();

		const batch = new LiquidationEngine({ ...model, candleMs: HOUR, cellWidth: live.engine.cellWidth });
		for (const candle of candles) batch.add(candle);
		const batchMap = batch.map(map.priceMin, map.binWidth, map.long.length);
		for (let b = 0; b < map.long.length; b++) {
			expect(map.long[b]).toBeCloseTo(batchMap.long[b], 0); // USDT, to the dollar
			expect(map.short[b]).toBeCloseTo(batchMap.short[b], 0);
		}
		expect(live.clusters().map((c) => [c.side, c.low, c.high])).toEqual(new LiveAnalysis(candles, model, HOUR).clusters().map((c) => [c.side, c.low, c.high]));
		expect(live.rsi).toBe(rsiSeries(candles.map((c) => c.close)).at(-1));
		expect(live.atr).toBeCloseTo(atrSeries(candles).at(-1)!, 9);
	});

	it('keeps an emptied bin at exactly zero and grows its grid to new prices in both directions', () => {
		const walk = randomWalkCandles({ count: 3000, seed: 11, intervalMs: HOUR, startPrice: 50_000, sigma5m: 0.004 });
		// No decay here: old levels would otherwise legitimately shrink to dust.
		const model = { ...DEFAULT_MODEL, binWidth: 50, decayHalfLifeHours: null };
		const live = new LiveAnalysis(walk.slice(0, 10), model, HOUR);
		for (const candle of walk.slice(10)) live.append(candle);
		const map = live.map();
		const engine = new LiquidationEngine({ ...model, candleMs: HOUR });
		for (const candle of walk) engine.add(candle);
		const range = engine.openRange()!;
		expect(map.priceMin).toBeLessThanOrEqual(range.low);
		expect(map.priceMin + map.long.length * map.binWidth).toBeGreaterThan(range.high);
		const emptied = [...map.long, ...map.short].filter((v) => v > 0 && v < 1e-6);
		expect(emptied).toEqual([]);
	});

	it('refuses a candle that is not after the last one', () => {
		const live = new LiveAnalysis(candles.slice(0, 20), DEFAULT_MODEL, HOUR);
		expect(() => live.append(candles[5])).toThrow('is not after the last one');
	});
});
