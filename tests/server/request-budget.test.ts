/**
 * The per-exchange request budget on an injected clock: sends fit a rolling window, in arrival order, and a send
 * that could only go after the caller's deadline is refused at once without taking anything.
 */
import { describe, expect, it } from 'vitest';
import { RequestBudget } from '../../src/lib/server/request-budget.ts';

function budget(units: number, windowMs: number) {
	const clock = { now: 1_000_000 };
	return { clock, budget: new RequestBudget({ units, windowMs }, () => clock.now) };
}

describe('request budget', () => {
	it('3 units per second: three sends now, the fourth when the first leaves the window', () => {
		const { budget: b } = budget(3, 1000);
		expect([b.reserve(1), b.reserve(1), b.reserve(1)]).toEqual([1_000_000, 1_000_000, 1_000_000]);
		expect(b.reserve(1)).toBe(1_001_000);
		expect(b.reserve(1)).toBe(1_001_000);
		expect(b.reserve(1)).toBe(1_001_000);
		expect(b.reserve(1)).toBe(1_002_000);
	});

	it('costs count: a weight-5 request after two of weight 1 in a 6-unit window waits for room', () => {
		const { budget: b, clock } = budget(6, 60_000);
		expect(b.reserve(1)).toBe(1_000_000);
		clock.now += 10_000;
		expect(b.reserve(1)).toBe(1_010_000);
		// 2 used; 5 more fit only once the first send (t = 1,000,000) has left the window.
		expect(b.reserve(5)).toBe(1_060_000);
		expect(b.used(1_060_000)).toBe(6);
	});

	it('a send past the deadline is refused at once and takes nothing', () => {
		const { budget: b, clock } = budget(2, 5000);
		b.reserve(1);
		b.reserve(1);
		expect(b.reserve(1, clock.now + 600)).toBeNull();
		expect(b.used()).toBe(2);
		expect(b.reserve(1, clock.now + 5000)).toBe(1_005_000);
	});

	it('never more than the limit in any window, whatever the arrival pattern', () => {
		const { budget: b, clock } = budget(10, 2000);
		const sends: { time: number; cost: number }[] = [];
		for (let i = 0; i < 200; i++) {
			clock.now += (i * 37) % 150;
			const cost = 1 + (i % 4);
			const time = b.reserve(cost);
			expect(time).not.toBeNull();
			sends.push({ time: time!, cost });
		}
		for (const { time } of sends) {
			const inWindow = sends.filter((s) => s.time > time - 2000 && s.time <= time).reduce((sum, s) => sum + s.cost, 0);
			expect(inWindow).toBeLessThanOrEqual(10);
		}
		// In arrival order.
		for (let i = 1; i < sends.length; i++) expect(sends[i].time).toBeGreaterThanOrEqual(sends[i - 1].time);
	});
});
