import { describe, expect, it } from 'vitest';
import { grownStart, shiftDivergences, shiftEvents, WINDOW_BARS, WINDOW_MARGIN_BARS, windowStart } from '../../src/lib/chart/common/bar-window.ts';
import type { Divergence } from '../../src/lib/core/confluence/divergence.ts';
import type { StructureEvent } from '../../src/lib/core/confluence/structure.ts';

// The constants as `bar-window.ts` states them: 3,000 bars at least, 600 kept left of the view.
describe('the window of bars handed to the chart', () => {
	it('holds a short series whole', () => {
		expect(WINDOW_BARS).toBe(3_000);
		expect(WINDOW_MARGIN_BARS).toBe(600);
		expect(windowStart(2_160, 1_900)).toBe(0); // 1h, 90 days
		expect(windowStart(3_000, 2_800)).toBe(0);
	});
	it('holds the newest 3,000 bars of a long series when the view is at its end', () => {
		// 5m, 90 days: 25,920 bars, the view on the newest 200: the window starts 3,000 bars before the end.
		expect(windowStart(25_920, 25_720)).toBe(22_920);
	});
	it('keeps 600 bars left of a view further back', () => {
		expect(windowStart(25_920, 10_000.6)).toBe(9_400);
		expect(windowStart(25_920, 300)).toBe(0);
	});
	it('grows when fewer than 300 bars remain left of the view, at least doubling', () => {
		expect(grownStart(22_920, 25_920, 23_300)).toBeNull(); // 380 bars left
		expect(grownStart(22_920, 25_920, 23_100)).toBe(19_920); // 180 left: 3,000 more bars
		expect(grownStart(19_920, 25_920, 19_950)).toBe(13_920); // 6,000 more
		expect(grownStart(22_920, 25_920, 0)).toBe(0); // Home: the whole series
		expect(grownStart(0, 25_920, -50)).toBeNull(); // nothing before the first bar
	});
});

describe('indexes moved into the window', () => {
	const event: StructureEvent = { index: 23_000, time: 1, kind: 'BOS', direction: 'up', level: 100, swingIndex: 22_900, swingTime: 0 };
	const divergence: Divergence = {
		kind: 'regular',
		direction: 'bullish',
		from: { index: 22_800, time: 0, price: 1, rsi: 30 },
		to: { index: 22_950, time: 1, price: 0.9, rsi: 35 },
		confirmedIndex: 22_955,
		confirmedTime: 2
	};
	it('subtracts the window start (before it: negative, drawn off-screen)', () => {
		expect(shiftEvents([event], 22_920)).toEqual([{ ...event, index: 80, swingIndex: -20 }]);
		expect(shiftDivergences([divergence], 22_920)).toEqual([
			{ ...divergence, from: { ...divergence.from, index: -120 }, to: { ...divergence.to, index: 30 }, confirmedIndex: 35 }
		]);
	});
	it('hands back the same arrays for a window from the first bar', () => {
		const events = [event];
		expect(shiftEvents(events, 0)).toBe(events);
	});
});
