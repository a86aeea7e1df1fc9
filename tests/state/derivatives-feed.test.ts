import { describe, expect, it } from 'vitest';
import { MAX_PRINTS, mergePrints, putInBar } from '../../src/lib/state/derivatives-feed.svelte.ts';
import type { LiquidationPrint } from '../../src/lib/stream-types.ts';

const print = (time: number, price = 100_000, amount = 0.5): LiquidationPrint => ({
	time,
	exchange: 'bybit',
	side: 'long',
	price,
	amount,
	notional: price * amount
});

describe('mergePrints', () => {
	it('appends a newer print, merges older ones in time order and drops the ones already known', () => {
		const known = [print(1000), print(3000)];
		expect(mergePrints(known, [print(4000)]).map((p) => p.time)).toEqual([1000, 3000, 4000]);
		// 3000 is already there (same time, exchange, side, price, amount); 2000 is new and goes between.
		expect(mergePrints(known, [print(3000), print(2000)]).map((p) => p.time)).toEqual([1000, 2000, 3000]);
		// Same time, another size: another print.
		expect(mergePrints(known, [print(3000, 100_000, 0.7)])).toHaveLength(3);
	});

	it(`keeps the newest ${MAX_PRINTS} prints`, () => {
		const many = Array.from({ length: MAX_PRINTS }, (_, i) => print(i));
		const merged = mergePrints(many, [print(MAX_PRINTS)]);
		expect(merged).toHaveLength(MAX_PRINTS);
		expect([merged[0].time, merged.at(-1)!.time]).toEqual([1, MAX_PRINTS]);
	});
});

describe('putInBar', () => {
	// 5-minute bars (300,000 ms): 0–299,999 is one bar, 300,000 starts the next.
	const bar = 300_000;
	it('replaces the reading of the same bar, appends the next bar, ignores an older reading', () => {
		const series = [{ time: 0, value: 1 }];
		expect(putInBar(series, { time: 299_999, value: 2 }, bar)).toEqual([{ time: 299_999, value: 2 }]);
		expect(putInBar(series, { time: 300_000, value: 3 }, bar)).toEqual([{ time: 0, value: 1 }, { time: 300_000, value: 3 }]);
		expect(putInBar([{ time: 600_000, value: 1 }], { time: 10, value: 9 }, bar)).toEqual([{ time: 600_000, value: 1 }]);
	});
});
