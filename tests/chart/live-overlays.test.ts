import { describe, expect, it } from 'vitest';
import { countdownText } from '../../src/lib/chart/bar-countdown/options.ts';
import { alignToBars } from '../../src/lib/chart/derivatives-panes/derivatives-pane.ts';
import { bubbleRadius, defaults } from '../../src/lib/chart/liquidation-bubbles/options.ts';

describe('bubble radius', () => {
	// r = 4 px · √(notional / $100k), clamped to 2–16 px (`liquidation-bubbles/options.ts`).
	it.each([
		[100_000, '4.00'],
		[400_000, '8.00'],
		[1_000_000, '12.65'],
		[10_000, '2.00'],
		[5_000_000, '16.00']
	])('$%i → %s px', (notional, radius) => {
		expect(bubbleRadius(notional, defaults).toFixed(2)).toBe(radius);
	});
});

describe('bar countdown', () => {
	it('counts down to the UTC boundary of the bar', () => {
		const fiveMinutes = 300_000;
		// 3 min 13 s into a 5-minute bar: 1 min 47 s left.
		expect(countdownText(Date.UTC(2026, 11, 2, 10, 3, 13), fiveMinutes)).toBe('01:47');
		// 10:03:13 in a 4-hour bar (08:00–12:00): 1 h 56 min 47 s left.
		expect(countdownText(Date.UTC(2026, 11, 2, 10, 3, 13), 4 * 3_600_000)).toBe('1:56:47');
		// A partial second rounds up: 0.4 s left reads 00:01.
		expect(countdownText(Date.UTC(2026, 11, 2, 10, 4, 59, 600), fiveMinutes)).toBe('00:01');
	});
});

describe('alignToBars', () => {
	const data = { barMs: 100, candleTimes: [100, 200, 300], newestBar: 400 };
	it('places readings on existing bars only, the last of a bar winning', () => {
		// 50 is before the first bar; 210 and 250 share bar 200 (250 wins); 500 is past the newest bar.
		const points = [{ time: 50, value: 1 }, { time: 210, value: 2 }, { time: 250, value: 3 }, { time: 500, value: 9 }];
		expect(alignToBars(points, data, false)).toEqual({ times: [200], values: [3] });
	});
	it('carries the rate in force to every later bar (funding)', () => {
		// The reading at 50 is in force from the first bar; 250 takes over at bar 200; the forming bar 400 keeps it.
		const points = [{ time: 50, value: 1 }, { time: 250, value: 3 }];
		expect(alignToBars(points, data, true)).toEqual({ times: [100, 200, 300, 400], values: [1, 3, 3, 3] });
	});
});
