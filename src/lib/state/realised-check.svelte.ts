/**
 * The History check's "Realised liquidations" section: the map measured against the liquidation prints this server
 * recorded (`/api/realised`, computed on the server from its database), for the live source, timeframe and lookback
 * in view. The embedded sample has no recorded prints. A new request replaces the one in flight.
 */
import type { RealisedJson } from '$lib/core/calibration/realised.ts';

/** What `/api/recording` and `/api/realised` say about the database (the server's `RecordingInfo`). */
export interface RecordingView {
	database: { kind: 'sqlite' | 'postgres'; location: string; sizeBytes: number | null } | null;
	retentionDays: number;
	recorder: { state: string; exchanges: string[]; written: { liquidations: number }; lastError: string | null } | null;
	error: string | null;
}

export interface RealisedView {
	recording: RecordingView;
	result: RealisedJson | null;
	/** Why there is no result, in plain words. */
	reason: string | null;
}

export class RealisedCheck {
	#view = $state.raw<RealisedView | null>(null);
	#error = $state<string | null>(null);
	#loading = $state(false);
	#sample = $state(false);
	#key = '';
	#abort: AbortController | null = null;

	get view(): RealisedView | null {
		return this.#view;
	}
	get error(): string | null {
		return this.#error;
	}
	get loading(): boolean {
		return this.#loading;
	}
	/** The source in view is the embedded sample (nothing recorded to measure against). */
	get sample(): boolean {
		return this.#sample;
	}

	/** Asks the server again when the source, timeframe or lookback changed. */
	update(source: string, timeframe: string, lookbackDays: number, fetcher: typeof fetch = fetch): void {
		const key = JSON.stringify([source, timeframe, lookbackDays]);
		if (key === this.#key) return;
		this.#key = key;
		this.#abort?.abort();
		this.#sample = source === 'sample';
		if (this.#sample) {
			this.#view = null;
			this.#error = null;
			this.#loading = false;
			return;
		}
		const abort = new AbortController();
		this.#abort = abort;
		this.#loading = true;
		const query = new URLSearchParams({ source, timeframe, lookback: String(lookbackDays) });
		void fetcher(`/api/realised?${query}`, { signal: abort.signal, cache: 'no-store' })
			.then(async (response) => {
				const body = await response.json();
				if (!response.ok) throw new Error(body?.error?.message ?? `the server answered ${response.status}`);
				if (abort.signal.aborted) return;
				this.#view = body as RealisedView;
				this.#error = null;
			})
			.catch((error: unknown) => {
				if (abort.signal.aborted) return;
				this.#error = error instanceof Error ? error.message : String(error);
				this.#key = '';
			})
			.finally(() => {
				if (!abort.signal.aborted) this.#loading = false;
			});
	}
}
