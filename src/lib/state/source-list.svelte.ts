/**
 * The data sources and their display names as the server lists them (`GET /api/sources`, derived from its exchange
 * registry, `server/exchanges.ts`): the browser names no exchange itself. Until the list arrives (or if it cannot be
 * read) only the sample and the aggregate are offered, and an id stands for its own name.
 */
import type { Source } from '$lib/core/analysis/params.ts';

export interface SourceEntry {
	id: Source;
	/** Display name: "Sample", "Bybit", "All exchanges". */
	name: string;
	/** Fetched from exchanges (false for the embedded sample). */
	live: boolean;
}

const BEFORE_LOADING: readonly SourceEntry[] = [
	{ id: 'sample', name: 'Sample', live: false },
	{ id: 'all', name: 'All exchanges', live: true }
];

export class SourceList {
	#entries = $state.raw<readonly SourceEntry[]>(BEFORE_LOADING);
	#loading: Promise<void> | null = null;

	get entries(): readonly SourceEntry[] {
		return this.#entries;
	}

	/** The display name of a source ("Bybit"); the id itself for one the list does not hold. */
	name(id: Source): string {
		return this.#entries.find((entry) => entry.id === id)?.name ?? id;
	}

	/** Reads `/api/sources` once (a failed read is tried again on the next call). */
	load(): Promise<void> {
		this.#loading ??= fetch('/api/sources')
			.then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
			.then((body: { sources?: SourceEntry[] }) => {
				if (Array.isArray(body.sources) && body.sources.length) this.#entries = body.sources;
			})
			.catch(() => {
				this.#loading = null;
			});
		return this.#loading;
	}
}

/** The page's one source list (public data, the same for every user). */
export const sourceList = new SourceList();
