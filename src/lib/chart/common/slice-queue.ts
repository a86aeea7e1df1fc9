/**
 * Applies a large result to the chart in slices: one step per task, with a painted frame between two steps, so that no
 * main-thread task holds the page for the whole result. Switching to 5m / 90 days / history hands the chart 25,920
 * candles, their volume, two indicator lines and a history image; each `setData` or image costs tens of ms on a shared
 * 2-core machine, and together (with the chart's own repaint) they blocked the page for 300–900 ms in one task.
 *
 * A step queued under a key replaces the pending step of that key (the newer data wins); pending steps run in the
 * order their keys were first queued. `flush()` runs them all at once (e.g. before a screenshot).
 */
export class SliceQueue {
	readonly #pending = new Map<string, () => void>();
	#frame = 0;
	#timer: ReturnType<typeof setTimeout> | 0 = 0;
	#applied = 0;
	#running = false;
	readonly #onApplied: (applied: number, pending: number) => void;

	/** `onApplied`: after each step, the steps applied since the queue was last empty, and those still pending. */
	constructor(onApplied: (applied: number, pending: number) => void = () => {}) {
		this.#onApplied = onApplied;
	}

	/** True while steps wait for their turn. */
	get pending(): boolean {
		return this.#pending.size > 0;
	}

	queue(key: string, step: () => void): void {
		// A new batch (not a step queueing its continuation) counts from zero.
		if (this.#pending.size === 0 && !this.#scheduled && !this.#running) this.#applied = 0;
		this.#pending.set(key, step);
		this.#schedule();
	}

	/** Runs every pending step now, in order. */
	flush(): void {
		while (this.#pending.size > 0) this.#runOne();
		// Also the turn a step took for its continuation, run just now.
		this.#cancel();
	}

	/** Drops the pending steps (the chart goes away). */
	dispose(): void {
		this.#cancel();
		this.#pending.clear();
	}

	get #scheduled(): boolean {
		return this.#frame !== 0 || this.#timer !== 0;
	}

	#schedule(): void {
		if (this.#scheduled) return;
		// The next frame paints what the last task changed; the step runs in a task of its own after that paint (a
		// step inside the animation frame would join the chart's repaint in one long task).
		this.#frame = requestAnimationFrame(() => {
			this.#frame = 0;
			this.#timer = setTimeout(() => {
				this.#timer = 0;
				this.#runOne();
				if (this.#pending.size > 0) this.#schedule();
			}, 0);
		});
	}

	#cancel(): void {
		cancelAnimationFrame(this.#frame);
		if (this.#timer) clearTimeout(this.#timer);
		this.#frame = 0;
		this.#timer = 0;
	}

	#runOne(): void {
		const [key, step] = this.#pending.entries().next().value ?? [];
		if (!key || !step) return;
		this.#pending.delete(key);
		this.#running = true;
		try {
			step();
		} finally {
			this.#running = false;
		}
		this.#applied++;
		this.#onApplied(this.#applied, this.#pending.size);
	}
}
