/**
 * JSON shapes of the app's API shared by the server (`src/lib/server/`) and the browser (`src/lib/state/`), so the
 * two cannot drift apart. Times are ISO 8601 UTC strings; durations in ms.
 */

/** Open-interest coverage of an analysis: where the open-interest model was used and where the volume proxy. */
export interface OpenInterestCoverage {
	/** Analysed candles, and those whose positions came from open interest (the rest: volume proxy). */
	candles: number;
	openInterestCandles: number;
	/** First and last open-interest sample (ISO UTC), null without open interest. */
	from: string | null;
	to: string | null;
	/** Why open interest is missing or shorter than the candles, in plain words; null when it covers them all. */
	note: string | null;
}

/** Provenance of one exchange's series (`source` in `/api/candles` and `/api/analysis`). */
export interface SourceMeta {
	id: string;
	name: string;
	symbol: string;
	live: boolean;
	/** When the data was fetched from the exchange (ISO UTC); null for the embedded sample. */
	fetchedAt: string | null;
	/** now − fetchedAt (ms); null for the sample. */
	ageMs: number | null;
	/** Close time of the last closed candle (ISO UTC). */
	dataEnd: string;
	/** True when the last closed candle ended more than `staleAfterMs` ago. */
	stale: boolean;
	staleAfterMs: number;
	/** Set when a refresh failed and this older copy is served: the failure in plain words. */
	fallback: { code: string; message: string; retryAfterSec: number | null } | null;
	modelKind: 'open-interest' | 'volume-proxy' | null;
	openInterest: OpenInterestCoverage | null;
	/**
	 * Live analyses with a recording (`LIQMAP_DB`): the leading candles read from it rather than the exchange (open
	 * times of the first and last, ISO UTC; count) and a note saying which span came from where. Absent otherwise.
	 */
	recordedCandles?: { from: string; to: string; candles: number; note: string };
}
