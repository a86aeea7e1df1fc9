import { describe, expect, it } from 'vitest';
import { findPivots, marketStructure } from '../../src/lib/core/confluence/structure.ts';
import { resampleToTimeframe } from '../../src/lib/core/market/resample.ts';
import type { Candle } from '../../src/lib/core/types.ts';
import { candle, embeddedCandles } from '../helpers.ts';

/** Candles whose high/low are `mid ± 1` around a path of mid prices; close = mid. */
function path(mids: number[]): Candle[] {
	return mids.map((mid, i) => candle(i, mid, mid + 1, mid - 1, mid));
}

describe('market structure on hand-made paths (swing length 2)', () => {
	// Up-swing to 20 at bar 4, pull-back to 14 at bar 7, rally above 20 (close 22 at bar 10): BOS up.
	// Then a drop below the swing low (low 13 at bar 7) gives a CHoCH down.
	const mids = [10, 12, 14, 17, 20, 18, 16, 14, 16, 19, 22, 25, 23, 20, 17, 15, 12, 10];
	const candles = path(mids);
	const { swings, events, trend } = marketStructure(candles, 2);

	it('finds swing highs and lows, each known two bars later', () => {
		expect(swings.map((s) => [s.kind, s.index, s.price, s.confirmedIndex])).toEqual([
			['high', 4, 21, 6],
			['low', 7, 13, 9],
			['high', 11, 26, 13]
		]);
	});

	it('dates a BOS up at the first close above the swing high, and a CHoCH down at the first close below the swing low', () => {
		// bar 10 closes 22 > swing high 21 (bar 4); bar 16 closes 12 < swing low 13 (bar 7), against the up trend.
		expect(events.map((e) => [e.kind, e.direction, e.index, e.level, e.swingIndex])).toEqual([
			['BOS', 'up', 10, 21, 4],
			['CHoCH', 'down', 16, 13, 7]
		]);
		expect(trend).toBe('down');
	});

	it('collapses consecutive swings of one kind to the more extreme', () => {
		// Two highs (30 at bar 3, 33 at bar 9) with no swing low between them that qualifies: one swing high remains.
		const doubleTop = path([20, 24, 27, 29, 27, 28, 28.5, 29.5, 31, 32, 31, 29, 27, 25]);
		const pivots = findPivots(doubleTop, 2).filter((p) => p.kind === 'high');
		expect(pivots.map((p) => p.index)).toEqual([3, 9]);
		const { swings } = marketStructure(doubleTop, 2);
		expect(swings.filter((s) => s.kind === 'high').map((s) => [s.index, s.price])).toEqual([[9, 33]]);
	});

	it('never dates an event before its swing could be known', () => {
		for (const e of events) expect(e.index).toBeGreaterThanOrEqual(e.swingIndex + 2);
	});
});

describe('market structure on real BTC 1h candles', () => {
	const candles = resampleToTimeframe(embeddedCandles(), '1h', 300_000);

	it('is causal: appending candles never changes an event already reported, apart from the last N bars', () => {
		const full = marketStructure(candles, 5).events;
		for (const cut of [300, 800, 1500]) {
			const partial = marketStructure(candles.slice(0, cut), 5).events;
			expect(full.filter((e) => e.index < cut)).toEqual(partial);
		}
	});

	it('alternates highs and lows', () => {
		const { swings } = marketStructure(candles, 5);
		expect(swings.length).toBeGreaterThan(50);
		for (let i = 1; i < swings.length; i++) expect(swings[i].kind).not.toBe(swings[i - 1].kind);
	});
});
