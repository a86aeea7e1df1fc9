/**
 * The checks of `event-filter.ts` on hand-made events: duplicates and out-of-order events are dropped and counted,
 * close open-interest updates merged, gap candles passed on once.
 */
import { describe, expect, it } from 'vitest';
import { EventFilter } from '../../../src/lib/server/streams/event-filter.ts';

const T = Date.UTC(2026, 0, 10);
const candle = (time: number, close = 100) => ({ time, open: 100, high: 101, low: 99, close, volume: 1 });
const filter = () => new EventFilter('bybit', 5_000, new Set(['5m'] as const));

describe('EventFilter', () => {
	it('prints: a repeated print is a duplicate, an older one out of order; notional = price × amount', () => {
		const f = filter();
		const print = { type: 'liquidation' as const, time: T, side: 'long' as const, price: 90_000, amount: 0.5 };
		expect(f.check(print, false)).toEqual({ type: 'liquidation', data: { time: T, exchange: 'bybit', side: 'long', price: 90_000, amount: 0.5, notional: 45_000 } });
		expect(f.check(print, false)).toBeNull();
		expect(f.check({ ...print, time: T - 1, price: 89_000 }, false)).toBeNull();
		expect(f.dropped).toEqual({ malformed: 0, duplicate: 1, outOfOrder: 1 });
	});

	it('candles: an unchanged forming candle is a duplicate, an older one out of order; other timeframes are ignored', () => {
		const f = filter();
		const forming = { type: 'candle' as const, timeframe: '5m' as const, candle: candle(T), closed: false };
		expect(f.check(forming, false)?.type).toBe('candle');
		expect(f.check(forming, false)).toBeNull();
		expect(f.check({ ...forming, candle: candle(T - 300_000) }, false)).toBeNull();
		expect(f.check({ ...forming, timeframe: '1h' }, false)).toBeNull();
		expect(f.dropped).toEqual({ malformed: 0, duplicate: 1, outOfOrder: 1 });
		expect(f.check({ ...forming, candle: candle(T, 100.5), closed: true }, false)?.type).toBe('candle');
		expect(f.lastClosed('5m')?.close).toBe(100.5);
		expect(f.lastPrice()).toBe(100.5);
	});

	it('a gap candle is passed on once even after the stream closed a newer candle', () => {
		const f = filter();
		const closed = (time: number) => ({ type: 'candle' as const, timeframe: '5m' as const, candle: candle(time), closed: true });
		f.check(closed(T), false);
		f.check(closed(T + 900_000), false);
		expect(f.check(closed(T + 300_000), true)).toMatchObject({ data: { filled: true, candle: { time: T + 300_000 } } });
		expect(f.check(closed(T + 300_000), true)).toBeNull();
		expect(f.check(closed(T + 600_000), false)).toBeNull();
		expect(f.dropped).toEqual({ malformed: 0, duplicate: 0, outOfOrder: 2 });
	});

	it('open interest and funding closer than 5 s are merged, unless the next funding time changes', () => {
		const f = filter();
		const oi = (time: number, value: number) => ({ type: 'openInterest' as const, time, value });
		expect(f.check(oi(T, 1e8), false)).not.toBeNull();
		expect(f.check(oi(T + 4_999, 1.1e8), false)).toBeNull();
		expect(f.check(oi(T + 5_000, 1.2e8), false)).toMatchObject({ data: { value: 1.2e8 } });
		const funding = (time: number, next: number) => ({ type: 'funding' as const, time, rate: 0.0001, nextFundingTime: next });
		expect(f.check(funding(T, T + 8 * 3_600_000), false)).not.toBeNull();
		expect(f.check(funding(T + 1_000, T + 8 * 3_600_000), false)).toBeNull();
		expect(f.check(funding(T + 2_000, T + 16 * 3_600_000), false)).toMatchObject({ data: { nextFundingTime: T + 16 * 3_600_000 } });
		expect(f.dropped).toEqual({ malformed: 0, duplicate: 0, outOfOrder: 0 });
	});
});
