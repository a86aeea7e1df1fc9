/**
 * The browser's client of `GET /api/candles` (contract in `$lib/server/api.ts`): the request URL, the answer's
 * shape, and failures as `SourceFailure` whose message is the server's plain words ("Bybit did not answer within
 * 10 s"), or a description of what went wrong on the way (the app's server unreachable, an answer that is not JSON).
 */
import type { OpenInterestPoint } from '$lib/core/analysis/analyze.ts';
import type { Source } from '$lib/core/analysis/params.ts';
import { LIVE_REFRESH_MS } from '$lib/core/market/resample.ts';
import type { Candle, Timeframe } from '$lib/core/types.ts';
import type { SourceMeta } from '$lib/api-types.ts';
import type { MarketData } from './market-data.ts';
import { sourceList } from './source-list.svelte.ts';

/** The server's cache time-to-live per timeframe: the poll period (one constant in core for both sides). */
export const POLL_MS: Readonly<Record<Timeframe, number>> = LIVE_REFRESH_MS;

/** The API's bound on `limit`. */
export const MAX_CANDLES = 5000;

export type { SourceMeta } from '$lib/api-types.ts';

interface SeriesJson {
	source: SourceMeta;
	candles: Candle[];
	forming: Candle | null;
	openInterest: OpenInterestPoint[];
}

export interface CandlesJson extends SeriesJson {
	timeframe: Timeframe;
	exchanges?: SeriesJson[];
	failed?: { source: string; name: string; code: string; message: string }[];
}

/** A source that could not be read: who, why in plain words, and when to ask again. */
export class SourceFailure extends Error {
	name = 'SourceFailure';

	constructor(
		readonly sourceName: string,
		message: string,
		readonly retryAfterSec: number | null = null
	) {
		super(message);
	}
}

export function candlesUrl(source: Source, timeframe: Timeframe, limit: number): string {
	const count = Math.max(1, Math.min(MAX_CANDLES, Math.round(limit)));
	return `/api/candles?${new URLSearchParams({ source, timeframe, limit: String(count) })}`;
}

/** Fetches candles of a live source; throws `SourceFailure` with the reason in plain words. */
export async function fetchCandles(source: Source, timeframe: Timeframe, limit: number, signal?: AbortSignal): Promise<CandlesJson> {
	await sourceList.load();
	const name = sourceList.name(source);
	let response: Response;
	try {
		response = await fetch(candlesUrl(source, timeframe, limit), { signal, cache: 'no-store' });
	} catch (error) {
		if (signal?.aborted) throw error;
		throw new SourceFailure(name, `${name}: the app's server could not be reached`);
	}
	let body: unknown;
	try {
		body = await response.json();
	} catch {
		throw new SourceFailure(name, `${name}: the app's server sent an unreadable answer (HTTP ${response.status})`);
	}
	if (!response.ok) {
		const error = (body as { error?: { message?: string; retryAfterSec?: number } }).error;
		throw new SourceFailure(name, error?.message ?? `${name}: HTTP ${response.status}`, error?.retryAfterSec ?? null);
	}
	const json = body as CandlesJson;
	if (!Array.isArray(json.candles) || json.candles.length === 0) throw new SourceFailure(name, `${name} sent no candles`);
	return json;
}

/** The answer as market data for the workspace (one series, or one per exchange that answered). */
export function toMarketData(json: CandlesJson): MarketData {
	const series = (json.exchanges ?? [json]).map((s) => ({ name: s.source.name, candles: s.candles, openInterest: s.openInterest ?? [] }));
	return { series, timeframe: json.timeframe };
}
