/**
 * The clusters the map showed while a live view is open, one snapshot per analysis, keyed by the close of the last
 * candle it was computed from (what the map knew; the seconds of fetching and computing after it are not counted),
 * for the predicted-vs-realised line (`core/calibration/predicted-vs-realised.ts`). A new view (source, timeframe or
 * lookback) starts over: "since the view loaded". A later analysis of the same data (a display filter changed) replaces
 * the snapshot of its time. At most `MAX_SNAPSHOTS` are kept (the newest; one per candle, a week of 5m candles).
 */
import type { ClusterSnapshot, ShownCluster } from '$lib/core/calibration/predicted-vs-realised.ts';

export const MAX_SNAPSHOTS = 2_016;

export class ClusterSnapshots {
	#key = '';
	#list = $state.raw<ClusterSnapshot[]>([]);

	/** Oldest first. */
	get list(): readonly ClusterSnapshot[] {
		return this.#list;
	}
	/** When the view loaded: the first snapshot's time (ms UTC), null before it. */
	get since(): number | null {
		return this.#list[0]?.time ?? null;
	}

	/** The clusters shown for data up to `time` (ms UTC) in view `key`. */
	record(key: string, time: number, clusters: readonly ShownCluster[]): void {
		const snapshot = { time, clusters: clusters.map(({ side, low, high }) => ({ side, low, high })) };
		if (key !== this.#key) {
			this.#key = key;
			this.#list = [snapshot];
			return;
		}
		const last = this.#list.at(-1);
		if (last && time < last.time) return;
		const kept = last && last.time === time ? this.#list.slice(0, -1) : this.#list;
		this.#list = [...kept.slice(Math.max(0, kept.length - MAX_SNAPSHOTS + 1)), snapshot];
	}

	reset(): void {
		this.#key = '';
		if (this.#list.length) this.#list = [];
	}
}
