/**
 * Replay: the chart as it was at a past bar. The worker analyses the data cut at the close of that bar (`analyze()`
 * on the candles known then: map, clusters, confluence, checklist inputs), so nothing after it leaks in. Stepping asks
 * for the neighbouring bar. Playing is scheduled by elapsed time: after t seconds at `speed` bars per second the
 * replay shows the bar `floor(t · speed)` bars after the one it started from, so the speed shown is the speed
 * delivered; each step still waits for the previous answer, and when an analysis takes longer than a bar's interval
 * the next step goes straight to the bar that is due (bars are skipped rather than the playback slowed).
 * Any parameter change (timeframe, lookback, model) or new data (source) re-runs the current moment. The replay bar's open time is in the URL as
 * `replay=<ISO time>`; leaving replay drops it and shows the loaded view again.
 */
import type { Analysis } from '$lib/core/analysis/analyze.ts';
import type { AnalysisParams } from '$lib/core/analysis/params.ts';
import { TIMEFRAME_MS } from '$lib/core/market/resample.ts';
import { SAMPLE_SERIES, type DataInfo, type ReplayPosition } from '$lib/workers/analysis-protocol.ts';
import type { AnalysisWorker } from './analysis-worker.svelte.ts';

/** Playback speeds, bars per second. */
export const REPLAY_SPEEDS: readonly number[] = [1, 2, 5, 10];

export class Replay {
	/** Requested moment (ms UTC), null outside replay. */
	#until = $state<number | null>(null);
	#position = $state.raw<ReplayPosition | null>(null);
	#analysis = $state.raw<Analysis | null>(null);
	#playing = $state(false);
	#speed = $state(2);
	#error = $state<string | null>(null);
	#worker: AnalysisWorker | null = null;
	#params: AnalysisParams | null = null;
	/** The shown series in the worker (its span changes identity with the data). */
	#data: DataInfo | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	/** Playback anchor: the clock (ms) and the bar (open time, ms UTC) when Play was pressed or the speed changed. */
	#playClock = 0;
	#playFrom = 0;
	readonly #now: () => number;
	/** A step is being computed; further steps (key repeat, fast clicks) are counted here and taken after it. */
	#inFlight = false;
	#queuedSteps = 0;

	get active(): boolean {
		return this.#until !== null;
	}
	/** The replay bar's open time (ms UTC), once the worker has placed it. */
	get time(): number | null {
		return this.#position?.time ?? null;
	}
	get position(): ReplayPosition | null {
		return this.#position;
	}
	get analysis(): Analysis | null {
		return this.#analysis;
	}
	get playing(): boolean {
		return this.#playing;
	}
	get speed(): number {
		return this.#speed;
	}
	set speed(barsPerSecond: number) {
		this.#speed = barsPerSecond;
		// The new speed counts from now and from the bar shown.
		if (this.#playing) this.#anchor();
	}
	get error(): string | null {
		return this.#error;
	}
	get computing(): boolean {
		return this.#worker?.busy('replay') ?? false;
	}

	/** @param now the clock playback is scheduled by (ms); injected so tests control it. */
	constructor(now: () => number = () => performance.now()) {
		this.#now = now;
	}

	/**
	 * The worker, the analysis parameters and the data it holds; a change of parameters (timeframe, lookback, model)
	 * or data (source, import) during replay re-runs the replay at the same moment.
	 */
	connect(worker: AnalysisWorker | null, params: AnalysisParams, data: DataInfo | null = null): void {
		const changed = (this.#params !== null && this.#params !== params) || this.#data !== data;
		this.#worker = worker;
		this.#params = params;
		this.#data = data;
		if (changed && this.#until !== null) {
			// The moment, not the bar: a coarser timeframe shows the bar containing it.
			const moment = this.#until;
			const wasPlaying = this.#playing;
			this.pause();
			void this.#go(moment).then(() => {
				if (wasPlaying) this.play();
			});
		}
	}

	/** Enters replay at the bar open at or before `time` (ms UTC), or moves there. */
	start(time: number): void {
		this.pause();
		this.#queuedSteps = 0;
		void this.#go(time);
	}

	step(direction: 1 | -1): void {
		this.pause();
		if (this.#inFlight) {
			this.#queuedSteps += direction;
			return;
		}
		const target = direction > 0 ? this.#position?.next : this.#position?.previous;
		if (target != null) void this.#go(target);
	}

	play(): void {
		if (!this.#position || this.#position.next === null) return;
		this.#playing = true;
		this.#anchor();
		this.#scheduleNext();
	}

	#anchor(): void {
		this.#playClock = this.#now();
		this.#playFrom = this.#position?.time ?? this.#until ?? 0;
	}

	pause(): void {
		this.#playing = false;
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}

	exit(): void {
		this.pause();
		this.#queuedSteps = 0;
		this.#inFlight = false;
		this.#until = null;
		this.#position = null;
		this.#analysis = null;
		this.#error = null;
	}

	/** `byPlayer`: a playback step, dropped if Pause comes before its answer (the chart stays where Pause found it). */
	async #go(time: number, byPlayer = false): Promise<void> {
		this.#until = time;
		const worker = this.#worker;
		const params = this.#params;
		if (!worker || !params) return;
		this.#inFlight = true;
		try {
			const result = await worker.analyze('replay', [this.#data?.series ?? SAMPLE_SERIES], params, time);
			if (!result || this.#until === null) return;
			this.#inFlight = false;
			if (byPlayer && !this.#playing) {
				this.#until = this.#position?.time ?? time;
			} else {
				this.#analysis = result.analysis;
				this.#position = result.replay;
				this.#until = result.replay?.time ?? time;
				this.#error = null;
			}
		} catch (error) {
			this.#inFlight = false;
			this.#error = error instanceof Error ? error.message : String(error);
			this.pause();
			return;
		}
		if (this.#queuedSteps !== 0) {
			const direction = this.#queuedSteps > 0 ? 1 : -1;
			this.#queuedSteps -= direction;
			const target = direction > 0 ? this.#position?.next : this.#position?.previous;
			if (target != null) void this.#go(target);
			else this.#queuedSteps = 0;
			return;
		}
		if (this.#playing) this.#scheduleNext();
	}

	/** Waits until the bar after the shown one is due, then asks for the bar due at that moment (later if late). */
	#scheduleNext(): void {
		const position = this.#position;
		if (!position || position.next === null || !this.#params) {
			this.pause();
			return;
		}
		if (this.#timer !== null) clearTimeout(this.#timer);
		const barMs = TIMEFRAME_MS[this.#params.timeframe];
		const msPerBar = 1000 / this.#speed;
		const shownBars = Math.round((position.time - this.#playFrom) / barMs);
		const wait = Math.max(0, this.#playClock + (shownBars + 1) * msPerBar - this.#now());
		this.#timer = setTimeout(() => {
			this.#timer = null;
			if (!this.#playing) return;
			const dueBars = Math.max(shownBars + 1, Math.floor((this.#now() - this.#playClock) / msPerBar));
			const due = this.#playFrom + dueBars * barMs;
			// The next bar itself when on time (it may be after a gap in the data); the due bar when late.
			void this.#go(dueBars === shownBars + 1 ? position.next! : Math.min(due, position.last), true);
		}, wait);
	}
}

/** `replay=<ISO>` added to a query string ("" or "?…"). */
export function withReplay(query: string, time: number | null): string {
	if (time === null) return query;
	const params = new URLSearchParams(query);
	params.set('replay', new Date(time).toISOString().replace(':00.000Z', 'Z'));
	return `?${params.toString()}`;
}

/** The `replay` URL parameter: a time (ms UTC), null when absent, or a message when it is not a date. */
export function readReplay(search: URLSearchParams): { time: number | null; refused: string | null } {
	const raw = search.get('replay');
	if (raw === null || raw === '') return { time: null, refused: null };
	const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
	return Number.isFinite(time) ? { time, refused: null } : { time: null, refused: `replay=${JSON.stringify(raw)}: expected a UTC time such as 2025-06-20T14:15Z` };
}
