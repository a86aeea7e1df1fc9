import { describe, expect, it } from 'vitest';
import { PerLevelEngine as LiquidationEngine, type EngineOptions } from '../reference/per-level-engine.ts';
import { DEFAULT_MODEL } from '../../src/lib/core/analysis/params.ts';
import { resampleToTimeframe } from '../../src/lib/core/market/resample.ts';
import type { Candle } from '../../src/lib/core/types.ts';
import { embeddedCandles, HOUR } from '../helpers.ts';

function openLevels(engine: LiquidationEngine) {
	const levels: { side: string; price: number; notional: number; startIndex: number }[] = [];
	engine.forEachOpenLevel((side, price, notional, startIndex) => levels.push({ side, price, notional, startIndex }));
	return levels.sort((a, b) => a.price - b.price);
}

// The hand-made cases run against both engines in liquidation-engine.test.ts.

describe('PerLevelEngine (the reference twin) invariants on the real 1h BTC candles (90 days)', () => {
	const candles = resampleToTimeframe(embeddedCandles(), '1h', 300_000);
	const options: EngineOptions = { ...DEFAULT_MODEL, candleMs: HOUR, trackLevels: true };
	const engine = new LiquidationEngine(options);
	for (const c of candles) engine.add(c);

	it('keeps opened = still open + liquidated + closed', () => {
		const { opened, open, liquidated, closed } = engine.totals;
		expect(closed).toBeGreaterThan(0);
		expect(liquidated).toBeGreaterThan(0);
		expect((open + liquidated + closed) / opened).toBeCloseTo(1, 9);
		const summed = openLevels(engine).reduce((sum, level) => sum + level.notional, 0);
		expect(summed / open).toBeCloseTo(1, 9);
	});

	it('keeps long levels below their entry and short levels above it', () => {
		for (const level of openLevels(engine)) {
			const c = candles[level.startIndex];
			const entry = (c.high + c.low + c.close) / 3; // typical price, the default entry rule
			if (level.side === 'long') expect(level.price).toBeLessThan(entry);
			else expect(level.price).toBeGreaterThan(entry);
		}
	});

	it('has no open level that a later candle traded through, and removed every level at the first such candle', () => {
		const suffixLow = new Float64Array(candles.length + 1).fill(Infinity);
		const suffixHigh = new Float64Array(candles.length + 1).fill(-Infinity);
		for (let i = candles.length - 1; i >= 0; i--) {
			suffixLow[i] = Math.min(suffixLow[i + 1], candles[i].low);
			suffixHigh[i] = Math.max(suffixHigh[i + 1], candles[i].high);
		}
		for (const level of openLevels(engine)) {
			if (level.side === 'long') expect(level.price).toBeLessThan(suffixLow[level.startIndex + 1]);
			else expect(level.price).toBeGreaterThan(suffixHigh[level.startIndex + 1]);
		}
		// Each liquidated level: no candle between its opening and its removal crossed it.
		const levels = engine.levels().filter((l) => l.endIndex >= 0);
		expect(levels.length).toBeGreaterThan(1000);
		for (const level of levels.slice(0, 2000)) {
			const hit = candles[level.endIndex];
			expect(level.endIndex).toBeGreaterThan(level.startIndex);
			expect(hit.low <= level.price || hit.high >= level.price).toBe(true);
			for (let i = level.startIndex + 1; i < level.endIndex; i++)
				expect(candles[i].low > level.price || candles[i].high < level.price).toBe(true);
		}
	});
	// The event ring and causality are checked on the cell engine (liquidation-engine.test.ts).
});
