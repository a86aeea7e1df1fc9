/**
 * The JSON API behind the thin `src/routes/api/**` handlers: each function takes the request URL and returns
 * `{ status, body, headers }`. Errors are `{ "error": { "code", "message", … } }`: 400 for a refused parameter
 * (naming it), 502 for an upstream failure and 504 for an upstream timeout (naming the exchange), 500 "internal
 * error" for anything unexpected (logged on the server, never a stack trace in the answer).
 *
 * Candle times are ms UTC (open time), prices USDT, volume BTC, open interest USDT notional; `analysisToJson` keeps
 * its own conventions (ISO times). The full contract is in the README's "Live data and JSON API" section.
 */
import { TIMEFRAME_MS } from '../core/market/resample.ts';
import type { Timeframe } from '../core/types.ts';
import { checkWorkLimits, ParamError } from '../core/analysis/params.ts';
import { ANALYSIS_PARAMS, ApiError, apiParamError, CANDLE_PARAMS, checkQuery, parseApiView, parseLimit, SOURCES_PARAMS } from './api-params.ts';
import { EXCHANGE_IDS, SOURCE_LIST } from './exchanges.ts';
import { liveSources, noExchangeAnswered, type LiveSources, type ServedMarket } from './live-sources.ts';
import type { JobRunner } from './analysis-job.ts';
import { analysisPool, PoolBusyError } from './analysis-pool.ts';
import { analyzeLiveOnPool, fallbackJson, liveSourceMeta, recordedFirstMarkets, type SourceMeta } from './market-analysis.ts';
import { SAMPLE_NAME, SAMPLE_SYMBOL, sampleCandlesAt } from './sample-source.ts';
import { oneLine, quoteValue } from './quote.ts';
import { UpstreamError } from './upstream-error.ts';
import { agreementLabel } from '../wording/confluence.ts';

export interface ApiResult {
	status: number;
	body: unknown;
	headers: Record<string, string>;
}

const NO_STORE = { 'cache-control': 'no-store' };

/** The process-wide analysis pool, sized by the configuration (`LIQMAP_ANALYSIS_WORKERS`, `LIQMAP_ANALYSIS_QUEUE`). */
const serverPool = (live: LiveSources): JobRunner => analysisPool({ size: live.config.analysisWorkers, queueLength: live.config.analysisQueue });

/** Provenance of the embedded sample whose last candle opened at `lastTime` (ms UTC). */
function sampleMeta(lastTime: number, timeframe: Timeframe): SourceMeta {
	const end = lastTime + TIMEFRAME_MS[timeframe];
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

/**
 * `GET /api/candles?source=&timeframe=&limit=`: the last `limit` closed candles, the forming one, open interest; read
 * from the recording first when there is one (`recordedFirstMarkets`; the source's `recordedCandles` says what).
 */
export async function candlesApi(url: URL, live: LiveSources = liveSources(), now = Date.now()): Promise<ApiResult> {
	return respond(async () => {
		checkQuery(url.searchParams, CANDLE_PARAMS);
		const view = parseApiView(url.searchParams, live.config.defaultSource);
		const limit = parseLimit(url.searchParams);
		const timeframe = view.analysis.timeframe;
		if (view.source === 'sample') {
			const candles = sampleCandlesAt(timeframe, limit);
			return { timeframe, source: sampleMeta(candles[candles.length - 1].time, timeframe), candles, forming: null, openInterest: [] };
		}
		const ids = view.source === 'all' ? [...EXCHANGE_IDS] : [view.source];
		const { served, failed } = await recordedFirstMarkets(live, ids, timeframe, limit, now);
		if (served.length === 0) throw noExchangeAnswered(failed);
		const series = served.map((s) => seriesJson(s, now));
		if (view.source !== 'all') return { timeframe, ...series[0] };
		const top = { ...series[0].source, id: 'all', name: 'All exchanges', fallback: fallbackJson(served.find((s) => s.fallback)?.fallback ?? null) };
		return { timeframe, ...series[0], source: top, exchanges: series, failed: failedJson(failed) };
	});
}

/**
 * `GET /api/analysis?source=&timeframe=&lookback=…`: `analysisToJson` of the analysis plus its provenance. The analysis
 * runs on the worker pool (`pool`); a full queue answers 503 with `Retry-After`.
 */
export async function analysisApi(url: URL, live: LiveSources = liveSources(), now = Date.now(), pool: JobRunner = serverPool(live)): Promise<ApiResult> {
	return respond(async () => {
		checkQuery(url.searchParams, ANALYSIS_PARAMS);
		const view = parseApiView(url.searchParams, live.config.defaultSource);
		const params = view.analysis;
		if (view.source === 'sample') {
			checkWorkLimits(sampleCandlesAt(params.timeframe, Number.MAX_SAFE_INTEGER), params);
			const { json, outcomes } = await pool.run({ params, sample: true }, JSON.stringify(['sample', params]));
			const outcome = outcomes[0];
			if (json === null || 'error' in outcome) throw new ApiError(422, 'analysis-refused', `embedded sample: ${'error' in outcome ? outcome.error : 'no analysis'}`);
			const source = { ...sampleMeta(Date.parse(json.lastTime), params.timeframe), modelKind: json.modelKind };
			return { ...json, source, sources: [source], forming: null, agreement: null, failed: [] };
		}
		const result = await analyzeLiveOnPool(view.source, params, live, pool, now);
		const reference = result.sources.find((s) => s.id === result.reference.market.source) ?? result.sources[0];
		const source =
			view.source === 'all'
				? { ...reference, id: 'all', name: `All exchanges (${result.sources.map((s) => s.name).join(', ')})`, modelKind: result.analysis.modelKind }
				: reference;
		return {
			...result.analysis,
			source,
			sources: result.sources,
			forming: result.reference.market.forming,
			agreement: result.agreement && result.agreement.map((a) => ({ ...a, label: agreementLabel(a.exchanges, a.total) })),
			failed: failedJson(result.failed)
		};
	});
}

/** `GET /api/sources`: the sources, their display names, and the default source of this server (no parameters). */
export function sourcesApi(url: URL, live: LiveSources = liveSources()): ApiResult {
	try {
		checkQuery(url.searchParams, SOURCES_PARAMS);
	} catch (error) {
		return errorResult(error);
	}
	return { status: 200, body: { defaultSource: live.config.defaultSource, sources: SOURCE_LIST }, headers: NO_STORE };
}

/** `/api/*` paths that name no route: a JSON 404 (not the HTML page), naming the path safely. */
export function notFoundApi(url: URL): ApiResult {
	return errorResult(new ApiError(404, 'not-found', oneLine(`no API route ${quoteValue(url.pathname, 100)}; the routes are /api/sources, /api/candles, /api/analysis`)));
}

/** A method other than GET (HEAD) on an API route: a JSON 405 naming the method, with `Allow`. */
export function methodNotAllowedApi(method: string): ApiResult {
	const result = errorResult(new ApiError(405, 'method-not-allowed', oneLine(`method ${quoteValue(method, 20)} is not allowed here: the API is read-only (GET)`)));
	return { ...result, headers: { ...result.headers, allow: 'GET, HEAD' } };
}

/** An error in the API's shape: `{ error: { code, message, … } }` with its status (500 "internal error" if unexpected). */
function errorResult(error: unknown): ApiResult {
	if (error instanceof ApiError)
		return { status: error.status, body: { error: { code: error.code, message: error.message, ...error.details } }, headers: NO_STORE };
	// The limits that depend on the data (bins over the price range, candles) are checked once the series are known.
	if (error instanceof ParamError) return errorResult(apiParamError(error));
	if (error instanceof PoolBusyError) {
		const body = { error: { code: 'busy', message: error.message, retryAfterSec: error.retryAfterSec } };
		return { status: 503, body, headers: { ...NO_STORE, 'retry-after': String(error.retryAfterSec) } };
	}
	if (error instanceof UpstreamError) {
		const retry = error.retryAfterMs === null ? null : Math.ceil(error.retryAfterMs / 1000);
		const details = { source: error.exchange, ...(retry === null ? {} : { retryAfterSec: retry }) };
		const headers: Record<string, string> = retry === null ? NO_STORE : { ...NO_STORE, 'retry-after': String(retry) };
		return { status: error.httpStatus, body: { error: { code: error.code, message: error.message, ...details } }, headers };
	}
	console.error('liqmap API: unexpected error', error);
	return { status: 500, body: { error: { code: 'internal', message: 'internal error' } }, headers: NO_STORE };
}

/** Runs a handler body and turns its errors into the API's error shape. */
export async function respond(body: () => Promise<unknown>): Promise<ApiResult> {
	try {
		return { status: 200, body: await body(), headers: NO_STORE };
	} catch (error) {
		return errorResult(error);
	}
}
