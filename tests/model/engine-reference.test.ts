import { describe, expect, it } from 'vitest';
import { LiquidationEngine, type EngineOptions } from '../../src/lib/core/model/liquidation-engine.ts';
import { DEFAULT_MODEL } from '../../src/lib/core/analysis/params.ts';
import { resampleToTimeframe } from '../../src/lib/core/market/resample.ts';
import type { Candle, Liquidation } from '../../src/lib/core/types.ts';
import { embeddedCandles, HOUR } from '../helpers.ts';
import { ReferenceEngine } from '../reference/liquidation-engine-reference.ts';
import { randomWalkCandles } from '../../src/lib/core/market/synthetic.ts';

/** Runs both engines over the same candles and compares maps (relative 1e-9) and the sorted liquidation lists. */
function compare(candles: Candle[], options: EngineOptions, openInterest?: (number | null)[]) {
	const fast = new LiquidationEngine(options);
	const slow = new ReferenceEngine(options);
	candles.forEach((candle, i) => {
		fast.add(candle, openInterest?.[i] ?? null);
		slow.add(candle, openInterest?.[i] ?? null);
	});
	const low = Math.min(...candles.map((c) => c.low)) * 0.7;
	const grid = { priceMin: Math.floor(low), binWidth: (Math.max(...candles.map((c) => c.high)) * 1.3 - low) / 500, binCount: 500 };
	const fastMap = fast.map(grid.priceMin, grid.binWidth, grid.binCount);
	const slowMap = slow.map(grid.priceMin, grid.binWidth, grid.binCount);
	const scale = Math.max(...slowMap.long, ...slowMap.short);
	for (let b = 0; b < grid.binCount; b++) {
		expect(Math.abs(fastMap.long[b] - slowMap.long[b])).toBeLessThanOrEqual(1e-9 * scale);
		expect(Math.abs(fastMap.short[b] - slowMap.short[b])).toBeLessThanOrEqual(1e-9 * scale);
	}
	// Levels opened at the same price by different candles can share (time, side, price): notional breaks the tie.
	const order = (a: Liquidation, b: Liquidation) => a.time - b.time || a.side.localeCompare(b.side) || a.price - b.price || a.notional - b.notional;
	const fastEvents = fast.liquidations().sort(order);
	const slowEvents = slow.liquidations.slice().sort(order);
	expect(fastEvents.length).toBe(slowEvents.length);
	fastEvents.forEach((event, i) => {
		expect([event.time, event.side, event.price]).toEqual([slowEvents[i].time, slowEvents[i].side, slowEvents[i].price]);
		expect(Math.abs(event.notional - slowEvents[i].notional)).toBeLessThanOrEqual(1e-9 * Math.max(1, slowEvents[i].notional));
	});
	return fastEvents.length;
}

const options = (change: Partial<EngineOptions> = {}): EngineOptions => ({ ...DEFAULT_MODEL, candleMs: HOUR, ...change });

describe('fast engine = plain reference engine', () => {
	it.each([1, 2, 3, 4, 5])('on a seeded random walk (seed %i), with random tiers and decay', (seed) => {
		const candles = randomWalkCandles({ count: 600, seed, intervalMs: HOUR, startPrice: 30_000 + seed * 10_000 });
		const tiers = DEFAULT_MODEL.tiers.map((tier, k) => ({ ...tier, enabled: (seed + k) % 4 !== 0, weight: 5 + ((seed * 7 + k * 13) % 30) }));
		const events = compare(candles, options({ tiers, decayHalfLifeHours: seed % 2 ? null : 12 * seed, entryPrice: seed === 3 ? 'close' : 'typical' }));
		expect(events).toBeGreaterThan(100);
	});

	it('on a random walk with an open-interest series (rises open, falls close in proportion)', () => {
		const candles = randomWalkCandles({ count: 500, seed: 9, intervalMs: HOUR, startPrice: 60_000 });
		const openInterest = candles.map((_, i) => (i < 50 ? null : 5e8 + 1e8 * Math.sin(i / 13) + 3e7 * Math.cos(i / 3)));
		compare(candles, options({ decayHalfLifeHours: null }), openInterest);
	});

	it('on the real BTC 1h candles (90 days)', () => {
		const candles = resampleToTimeframe(embeddedCandles(), '1h', 300_000);
		expect(compare(candles, options())).toBeGreaterThan(1000);
	});
});
