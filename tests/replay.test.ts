/**
 * Replay stepping against a stand-in worker whose answers arrive when the test says: the order of events (a step's
 * answer after Pause, keys pressed during a step) is what decides which bar the chart shows.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Analysis } from '../src/lib/core/analysis/analyze.ts';
import { defaultAnalysisParams } from '../src/lib/core/analysis/params.ts';
import type { AnalysisResult, AnalysisWorker } from '../src/lib/state/analysis-worker.svelte.ts';
import { Replay } from '../src/lib/state/replay.svelte.ts';

const BAR = 900_000;
const FIRST = Date.parse('2025-06-20T00:00Z');
const LAST = FIRST + 100 * BAR;

/** Answers each `analyze` request only when `answer()` is called, with the bar at or before the requested time. */
class StandInWorker {
	readonly requests: { time: number; resolve: (result: AnalysisResult | null) => void }[] = [];
	analyze(_channel: string, _series: string[], _params: unknown, until: number): Promise<AnalysisResult | null> {
		return new Promise((resolve) => this.requests.push({ time: until, resolve }));
	}
	busy(): boolean {
		return this.requests.length > 0;
	}
	/** Answers the oldest open request. */
	answer(): void {
		const { time, resolve } = this.requests.shift()!;
		const bar = Math.floor(time / BAR) * BAR;
		resolve({
			analysis: { lastTime: bar } as Analysis,
			agreement: null,
			replay: { time: bar, previous: bar > FIRST ? bar - BAR : null, next: bar < LAST ? bar + BAR : null, first: FIRST, last: LAST },
			ms: 1
		});
	}
}

async function settle(): Promise<void> {
	for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('replay', () => {
	it('Pause while a playback step is computed keeps the bar shown when Pause was pressed', async () => {
		vi.useFakeTimers();
		const worker = new StandInWorker();
		const replay = new Replay();
		replay.connect(worker as unknown as AnalysisWorker, defaultAnalysisParams());
		const start = FIRST + 10 * BAR;
		replay.start(start);
		worker.answer();
		await settle();
		expect(replay.time).toBe(start);

		replay.speed = 10;
		replay.play();
		vi.advanceTimersByTime(100);
		expect(worker.requests.map((r) => r.time)).toEqual([start + BAR]);
		replay.pause();
		worker.answer();
		await settle();
		expect(replay.time, 'the step asked for before Pause is not shown').toBe(start);
		expect(replay.analysis?.lastTime).toBe(start);
		vi.advanceTimersByTime(1_000);
		expect(worker.requests, 'no further playback steps').toHaveLength(0);

		// A step pressed after that goes one bar on from what is shown.
		replay.step(1);
		worker.answer();
		await settle();
		expect(replay.time).toBe(start + BAR);
		vi.useRealTimers();
	});

	it('steps pressed while one is computed are taken one after another', async () => {
		const worker = new StandInWorker();
		const replay = new Replay();
		replay.connect(worker as unknown as AnalysisWorker, defaultAnalysisParams());
		replay.start(FIRST + 10 * BAR);
		worker.answer();
		await settle();
		replay.step(1);
		replay.step(1);
		replay.step(1);
		worker.answer();
		await settle();
		worker.answer();
		await settle();
		worker.answer();
		await settle();
		expect(replay.time).toBe(FIRST + 13 * BAR);
		expect(worker.requests).toHaveLength(0);
	});

	it('plays at the speed shown: after 1 s at 10 bar/s it shows the bar 10 on, however slow each answer is', async () => {
		vi.useFakeTimers();
		let clock = 0;
		const worker = new StandInWorker();
		const replay = new Replay(() => clock);
		replay.connect(worker as unknown as AnalysisWorker, defaultAnalysisParams());
		const start = FIRST + 10 * BAR;
		replay.start(start);
		worker.answer();
		await settle();
		replay.speed = 10;
		replay.play();
		// The first bar is due 100 ms after Play; its analysis takes 450 ms (the answer comes at 550 ms).
		clock = 100;
		vi.advanceTimersByTime(100);
		expect(worker.requests.map((r) => r.time)).toEqual([start + BAR]);
		clock = 550;
		worker.answer();
		await settle();
		// Late: the next step asks straight for the bar due at 550 ms (floor(550 / 100) = 5 bars on), not bar 2.
		vi.advanceTimersByTime(0);
		expect(worker.requests.map((r) => r.time)).toEqual([start + 5 * BAR]);
		clock = 1_000;
		worker.answer();
		await settle();
		vi.advanceTimersByTime(0);
		expect(worker.requests.map((r) => r.time)).toEqual([start + 10 * BAR]);
		worker.answer();
		await settle();
		expect(replay.time, '1 s at 10 bar/s').toBe(start + 10 * BAR);
		// On time again: the 11th bar waits for its moment (1,100 ms).
		vi.advanceTimersByTime(99);
		expect(worker.requests).toHaveLength(0);
		clock = 1_100;
		vi.advanceTimersByTime(1);
		expect(worker.requests.map((r) => r.time)).toEqual([start + 11 * BAR]);
		replay.pause();
		vi.useRealTimers();
	});

	it('a timeframe change during replay re-runs the same moment; new data (another source) does too', async () => {
		const sample = { series: 'sample', count: 100, from: FIRST, to: LAST };
		const file = { series: 'market:file.csv', count: 100, from: FIRST, to: LAST };
		const worker = new StandInWorker();
		const replay = new Replay();
		const params = defaultAnalysisParams();
		replay.connect(worker as unknown as AnalysisWorker, params, sample);
		replay.start(FIRST + 10 * BAR);
		worker.answer();
		await settle();
		replay.connect(worker as unknown as AnalysisWorker, { ...params, timeframe: '1h' }, sample);
		expect(worker.requests.map((r) => r.time)).toEqual([FIRST + 10 * BAR]);
		worker.answer();
		await settle();
		replay.connect(worker as unknown as AnalysisWorker, { ...params, timeframe: '1h' }, file);
		expect(worker.requests.map((r) => r.time)).toEqual([FIRST + 10 * BAR]);
		worker.answer();
		await settle();
		expect(replay.active).toBe(true);
	});
});
