import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SliceQueue } from '../../src/lib/chart/common/slice-queue.ts';

describe('applying a result to the chart in slices', () => {
	// Animation frames driven by hand (node has none), timers by vitest's fake clock: no wall time involved.
	let frames: FrameRequestCallback[] = [];
	const paintFrame = () => {
		const due = frames;
		frames = [];
		for (const callback of due) callback(0);
	};
	beforeEach(() => {
		vi.useFakeTimers();
		frames = [];
		vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
		vi.stubGlobal('cancelAnimationFrame', () => (frames = []));
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('runs one step per task, each after a painted frame, in the order the keys were queued', () => {
		const ran: string[] = [];
		const reports: [number, number][] = [];
		const queue = new SliceQueue((applied, pending) => reports.push([applied, pending]));
		queue.queue('volume', () => ran.push('volume'));
		queue.queue('rsi', () => ran.push('rsi'));
		expect(ran).toEqual([]);
		vi.runOnlyPendingTimers(); // no step before the frame
		expect(ran).toEqual([]);
		paintFrame();
		expect(ran).toEqual([]); // not inside the frame either: in a task after it
		vi.runOnlyPendingTimers();
		expect(ran).toEqual(['volume']);
		paintFrame();
		vi.runOnlyPendingTimers();
		expect(ran).toEqual(['volume', 'rsi']);
		expect(reports).toEqual([
			[1, 1],
			[2, 0]
		]);
		expect(queue.pending).toBe(false);
	});

	it('a step queued again under a pending key replaces it; a step may queue its own continuation', () => {
		const ran: string[] = [];
		const queue = new SliceQueue();
		let chunks = 0;
		const paint = () => {
			ran.push(`chunk ${++chunks}`);
			if (chunks < 3) queue.queue('image', paint);
		};
		queue.queue('lines', () => ran.push('old lines'));
		queue.queue('image', paint);
		queue.queue('lines', () => ran.push('new lines'));
		queue.flush();
		expect(ran).toEqual(['new lines', 'chunk 1', 'chunk 2', 'chunk 3']);
		expect(frames).toHaveLength(0);
	});

	it('counts the steps of a new batch from zero', () => {
		let lastApplied = 0;
		const queue = new SliceQueue((applied) => (lastApplied = applied));
		queue.queue('a', () => {});
		queue.queue('b', () => {});
		queue.flush();
		expect(lastApplied).toBe(2);
		queue.queue('c', () => {});
		queue.flush();
		expect(lastApplied).toBe(1);
	});
});
