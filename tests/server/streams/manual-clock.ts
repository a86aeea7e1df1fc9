/** A clock that moves only when told (`advanceTo`), firing the timers that fall due, in time order. */
import type { Clock } from '../../../src/lib/server/streams/types.ts';

interface Timer {
	at: number;
	callback: () => void;
}

export class ManualClock implements Clock {
	#now: number;
	readonly #timers = new Set<Timer>();

	constructor(start: number) {
		this.#now = start;
	}

	now(): number {
		return this.#now;
	}

	setTimeout(callback: () => void, ms: number): unknown {
		const timer = { at: this.#now + ms, callback };
		this.#timers.add(timer);
		return timer;
	}

	clearTimeout(handle: unknown): void {
		this.#timers.delete(handle as Timer);
	}

	/** Moves to `time`, running each timer due on the way at its own time. */
	advanceTo(time: number): void {
		for (;;) {
			const due = [...this.#timers].filter((t) => t.at <= time).sort((a, b) => a.at - b.at)[0];
			if (!due) break;
			this.#timers.delete(due);
			this.#now = Math.max(this.#now, due.at);
			due.callback();
		}
		this.#now = Math.max(this.#now, time);
	}
}
