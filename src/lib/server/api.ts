/**
 * The JSON API behind the thin `src/routes/api/**` handlers: each function takes the request URL and returns
 * `{ status, body, headers }`. Errors are `{ "error": { "code", "message", … } }`: 400 for a refused parameter
 * (naming it), 502 for an upstream failure and 504 for an upstream timeout (naming the exchange), 500 "internal
 * error" for anything unexpected (logged on the server, never a stack trace in the answer).
 *
 * Candle times are ms UTC (open time), prices USDT, volume BTC, open interest USDT notional; `analysisToJson` keeps
 * its own conventions (ISO times). The full contract is in the README's "Live data and JSON API" section.
 */
import { analysisToJson } from '../core/analysis/analysis-json.ts';
import { analyze, AnalysisError } from '../core/analysis/analyze.ts';
import { TIMEFRAME_MS } from '../core/market/resample.ts';
import type { Candle, Timeframe } from '../core/types.ts';
import { ANALYSIS_PARAMS, ApiError, CANDLE_PARAMS, checkQuery, parseApiView, parseLimit } from './api-params.ts';
import { EXCHANGE_IDS, EXCHANGE_NAMES } from './exchange-client.ts';
import { liveSources, type LiveSources, type ServedMarket } from './live-sources.ts';
import { analyzeLive, fallbackJson, liveSourceMeta, type SourceMeta } from './market-analysis.ts';
import { SAMPLE_NAME, SAMPLE_SYMBOL, sampleCandles, sampleCandlesAt } from './sample-source.ts';
import { UpstreamError } from './upstream-error.ts';

export interface ApiResult {
	status: number;
	body: unknown;
	headers: Record<string, string>;
}

const NO_STORE = { 'cache-control': 'no-store' };

function sampleMeta(candles: readonly Candle[], timeframe: Timeframe): SourceMeta {
	const end = candles[candles.length - 1].time + TIMEFRAME_MS[timeframe];
	return {
		id: 'sample',
		name: SAMPLE_NAME,
		symbol: SAMPLE_SYMBOL,
		live: false,
		fetchedAt: null,
		ageMs: null,
		dataEnd: new Date(end).toISOString(),
		stale: false,
		staleAfterMs: 2 * TIMEFRAME_MS[timeframe],
		fallback: null,
		modelKind: null,
		openInterest: null
	};
}

const failedJson = (failed: { source: string; name: string; error: UpstreamError }[]) =>
	failed.map((f) => ({ source: f.source, name: f.name, code: f.error.code, message: f.error.message }));

function seriesJson(served: ServedMarket, now: number) {
	const { market } = served;
	return { source: liveSourceMeta(served, null, now), candles: market.candles, forming: market.forming, openInterest: market.openInterest };
}

/** `GET /api/candles?source=&timeframe=&limit=`: the last `limit` closed candles, the forming one, open interest. */
export async function candlesApi(url: URL, live: LiveSources = liveSources(), now = Date.now()): Promise<ApiResult> {
	return respond(async () => {
		checkQuery(url.searchParams, CANDLE_PARAMS);
		const view = parseApiView(url.searchParams, live.config.defaultSource);
		const limit = parseLimit(url.searchParams);
		const timeframe = view.analysis.timeframe;
		if (view.source === 'sample') {
			const candles = sampleCandlesAt(timeframe, limit);
			return { timeframe, source: sampleMeta(candles, timeframe), candles, forming: null, openInterest: [] };
		}
		const ids = view.source === 'all' ? [...EXCHANGE_IDS] : [view.source];
		const { served, failed } = await live.markets(ids, timeframe, limit);
		if (served.length === 0) throw failed.length === 1 ? failed[0].error : allFailed(failed);
		const series = served.map((s) => seriesJson(s, now));
		if (view.source !== 'all') return { timeframe, ...series[0] };
		const top = { ...series[0].source, id: 'all', name: 'All exchanges', fallback: fallbackJson(served.find((s) => s.fallback)?.fallback ?? null) };
		return { timeframe, ...series[0], source: top, exchanges: series, failed: failedJson(failed) };
	});
}

/** `GET /api/analysis?source=&timeframe=&lookback=…`: `analysisToJson` of the analysis plus its provenance. */
export async function analysisApi(url: URL, live: LiveSources = liveSources(), now = Date.now()): Promise<ApiResult> {
	return respond(async () => {
		checkQuery(url.searchParams, ANALYSIS_PARAMS);
		const view = parseApiView(url.searchParams, live.config.defaultSource);
		const params = view.analysis;
		if (view.source === 'sample') {
			let analysis;
			try {
				analysis = analyze({ candles: sampleCandles() }, params);
			} catch (error) {
				if (error instanceof AnalysisError) throw new ApiError(422, 'analysis-refused', `embedded sample: ${error.message}`);
				throw error;
			}
			const source = { ...sampleMeta(analysis.candles, params.timeframe), modelKind: analysis.modelKind };
			return { ...analysisToJson(analysis), source, sources: [source], forming: null, agreement: null, failed: [] };
		}
		const result = await analyzeLive(view.source, params, live, now);
		const reference = result.sources.find((s) => s.id === result.reference.market.source) ?? result.sources[0];
		const source =
			view.source === 'all'
				? { ...reference, id: 'all', name: `All exchanges (${result.sources.map((s) => s.name).join(', ')})`, modelKind: result.analysis.modelKind }
				: reference;
		return {
			...analysisToJson(result.analysis),
			source,
			sources: result.sources,
			forming: result.reference.market.forming,
			agreement: result.agreement,
			failed: failedJson(result.failed)
		};
	});
}

/** `GET /api/sources`: the sources, their display names, and the default source of this server. */
export function sourcesApi(live: LiveSources = liveSources()): ApiResult {
	const sources = [
		{ id: 'sample', name: 'Sample', live: false },
		...EXCHANGE_IDS.map((id) => ({ id, name: EXCHANGE_NAMES[id], live: true })),
		{ id: 'all', name: 'All exchanges', live: true }
	];
	return { status: 200, body: { defaultSource: live.config.defaultSource, sources }, headers: NO_STORE };
}

function allFailed(failed: { name: string; error: UpstreamError }[]): UpstreamError {
	const timeouts = failed.every((f) => f.error.code === 'upstream-timeout');
	return new UpstreamError(timeouts ? 'upstream-timeout' : 'upstream-unavailable', 'all exchanges', `No exchange answered: ${failed.map((f) => f.error.message).join('; ')}`);
}

/** Runs a handler body and turns its errors into the API's error shape. */
export async function respond(body: () => Promise<unknown>): Promise<ApiResult> {
	try {
		return { status: 200, body: await body(), headers: NO_STORE };
	} catch (error) {
		if (error instanceof ApiError)
			return { status: error.status, body: { error: { code: error.code, message: error.message, ...error.details } }, headers: NO_STORE };
		if (error instanceof UpstreamError) {
			const retry = error.retryAfterMs === null ? null : Math.ceil(error.retryAfterMs / 1000);
			const details = { source: error.exchange, ...(retry === null ? {} : { retryAfterSec: retry }) };
			const headers: Record<string, string> = retry === null ? NO_STORE : { ...NO_STORE, 'retry-after': String(retry) };
			return { status: error.httpStatus, body: { error: { code: error.code, message: error.message, ...details } }, headers };
		}
		console.error('liqmap API: unexpected error', error);
		return { status: 500, body: { error: { code: 'internal', message: 'internal error' } }, headers: NO_STORE };
	}
}
