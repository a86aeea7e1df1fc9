/**
 * `analyze()` on live exchange data, for the JSON API (on the analysis pool: `analyzeLiveOnPool`) and the CLI (in
 * process: `analyzeLive`); both run core's `analyzeMarket` on one exchange, or all of them aggregated (`aggregate.ts`).
 * Returns the analysis plus what a reader needs to trust it: where the data came from, when it
 * was fetched, its age (ms), whether it is stale (its last closed candle ended more than two candle periods ago),
 * which model ran and how much of the span open interest covered, which candles were read from the recording
 * (`LIQMAP_DB`, see `recorded-series.ts`) rather than the exchange, the fallback in force (an older copy served after a
 * failed refresh), and in aggregate mode the per-cluster agreement and the exchanges left out.
 *
 * Candle count: lookback days × 86,400,000 / timeframe ms closed candles (analyze() keeps exactly that window).
 */
import type { ClusterAgreement } from '../core/analysis/aggregate.ts';
import type { Analysis, ModelKind } from '../core/analysis/analyze.ts';
import { checkWorkLimits, type AnalysisParams } from '../core/analysis/params.ts';
import { TIMEFRAME_MS } from '../core/market/resample.ts';
import type { Timeframe } from '../core/types.ts';
import { analyzeMarket, type MarketSeries, type SeriesOutcome } from '../core/analysis/market-analysis.ts';
import { liveJob, type AnalysisJson, type JobRunner } from './analysis-job.ts';
import { EXCHANGE_IDS, type ExchangeId } from './exchanges.ts';
import { noExchangeAnswered, type FailedSource, type LiveSources, type ServedMarket } from './live-sources.ts';
import { candleCount } from './series-sizes.ts';
import { recordedStore } from './recorder/recorded-data.ts';
import { marketWithRecordedCandles, withRecordedOpenInterest } from './recorder/recorded-series.ts';
import { UpstreamError } from './upstream-error.ts';
import type { OpenInterestCoverage, SourceMeta } from '../api-types.ts';

export type LiveSource = ExchangeId | 'all';

export type { OpenInterestCoverage, SourceMeta } from '../api-types.ts';

export const staleAfterMs = (timeframe: Timeframe) => 2 * TIMEFRAME_MS[timeframe];

export function fallbackJson(error: UpstreamError | null): SourceMeta['fallback'] {
	if (!error) return null;
	return { code: error.code, message: error.message, retryAfterSec: error.retryAfterMs === null ? null : Math.ceil(error.retryAfterMs / 1000) };
}

/** What an analysis of a series reported (`SeriesOutcome` of a job that succeeded). */
export interface AnalysedSeries {
	candles: number;
	openInterestCandles: number;
	modelKind: ModelKind;
}

/** Provenance of a served live series (analysis optional: `/api/candles` has none). */
export function liveSourceMeta(served: ServedMarket, analysis: AnalysedSeries | null, now: number): SourceMeta {
	const { market } = served;
	const candleMs = TIMEFRAME_MS[market.timeframe];
	const end = market.candles[market.candles.length - 1].time + candleMs;
	const oi = market.openInterest;
	const candles = analysis?.candles ?? market.candles.length;
	const openInterestCandles = analysis?.openInterestCandles ?? 0;
	const short = analysis !== null && openInterestCandles < candles && oi.length > 0;
	return {
		id: market.source,
		name: market.name,
		symbol: market.symbol,
		live: true,
		fetchedAt: new Date(served.fetchedAt).toISOString(),
		// `now` is taken before the fetch that sets `fetchedAt`: never report a negative age.
		ageMs: Math.max(0, now - served.fetchedAt),
		dataEnd: new Date(end).toISOString(),
		stale: now - end > staleAfterMs(market.timeframe),
		staleAfterMs: staleAfterMs(market.timeframe),
		fallback: fallbackJson(served.fallback),
		modelKind: analysis?.modelKind ?? null,
		openInterest: {
			candles,
			openInterestCandles,
			from: oi.length ? new Date(oi[0].time).toISOString() : null,
			to: oi.length ? new Date(oi[oi.length - 1].time).toISOString() : null,
			note: market.openInterestNote ?? (short ? `open interest covers ${openInterestCandles} of ${candles} candles` : null)
		},
		...(served.recordedCandles && {
			recordedCandles: {
				from: new Date(served.recordedCandles.from).toISOString(),
				to: new Date(served.recordedCandles.to).toISOString(),
				candles: served.recordedCandles.count,
				note: served.recordedCandles.note
			}
		})
	};
}

export interface LiveAnalysis<A = Analysis> {
	/** The analysis (`Analysis` in process, its JSON form from the pool). */
	analysis: A;
	/** The charted series (the first exchange that answered, in the order Binance, Bybit, OKX, in aggregate mode). */
	reference: ServedMarket;
	sources: SourceMeta[];
	failed: FailedSource[];
	agreement: ClusterAgreement[] | null;
}

/**
 * The last `count` closed candles (and forming candle, open interest) of each exchange, the recording (LIQMAP_DB) read
 * first when there is one: its candles, the exchange asked only for the newer ones, and the open interest the exchange
 * no longer keeps. Without a recording: `LiveSources.markets` as is. Used by the analyses and `GET /api/candles`.
 */
export async function recordedFirstMarkets(live: LiveSources, ids: readonly ExchangeId[], timeframe: Timeframe, count: number, now: number) {
	const store = await recordedStore();
	const fetched = await live.markets(ids, timeframe, count, now, store ? (id) => marketWithRecordedCandles(live, store, id, timeframe, count, now) : undefined);
	if (!store) return fetched;
	return { served: await Promise.all(fetched.served.map((s) => withRecordedOpenInterest(s, store).catch(() => s))), failed: fetched.failed };
}

/** The series of one exchange or all of them; throws `UpstreamError` when no exchange answered. */
async function fetchSeries(source: LiveSource, params: AnalysisParams, live: LiveSources, now: number) {
	const ids: ExchangeId[] = source === 'all' ? [...EXCHANGE_IDS] : [source];
	const { served, failed } = await recordedFirstMarkets(live, ids, params.timeframe, candleCount(params.timeframe, params.lookbackDays), now);
	if (served.length === 0) throw noExchangeAnswered(failed);
	const series: MarketSeries[] = served.map((s) => ({ name: s.market.name, candles: s.market.candles, openInterest: s.market.openInterest }));
	return { served, failed, series };
}

/** Provenance per analysed series; a series that could not be analysed is left out (aggregate) or fails the call. */
function settle<A>(source: LiveSource, served: ServedMarket[], failed: FailedSource[], result: { analysis: A | null; outcomes: SeriesOutcome[]; agreement: ClusterAgreement[] | null }, now: number): LiveAnalysis<A> {
	const analysed: { served: ServedMarket; outcome: AnalysedSeries }[] = [];
	result.outcomes.forEach((outcome, i) => {
		const s = served[i];
		if (!('error' in outcome)) return analysed.push({ served: s, outcome });
		const error = new UpstreamError('upstream-no-data', s.market.name, `${s.market.name} data cannot be analysed: ${outcome.error}`);
		// One exchange's unusable data must not sink the others in aggregate mode.
		if (source !== 'all') throw error;
		failed.push({ source: s.market.source, name: s.market.name, error });
	});
	if (analysed.length === 0 || result.analysis === null) throw failed[0].error;
	const sources = analysed.map(({ served: s, outcome }) => liveSourceMeta(s, outcome, now));
	return { analysis: result.analysis, reference: analysed[0].served, sources, failed, agreement: result.agreement };
}

/** Analyses live data of one exchange or all of them in process (the CLI); throws `UpstreamError` when no exchange could be used. */
export async function analyzeLive(source: LiveSource, params: AnalysisParams, live: LiveSources, now = Date.now()): Promise<LiveAnalysis> {
	const { served, failed, series } = await fetchSeries(source, params, live, now);
	return settle(source, served, failed, analyzeMarket(series, params, { aggregate: source === 'all' }), now);
}

/** The same on the analysis pool (the API): the analysis in its JSON form; identical jobs in flight share one run. */
export async function analyzeLiveOnPool(source: LiveSource, params: AnalysisParams, live: LiveSources, pool: JobRunner, now = Date.now()): Promise<LiveAnalysis<AnalysisJson>> {
	const { served, failed, series } = await fetchSeries(source, params, live, now);
	for (const s of series) checkWorkLimits(s.candles, params);
	const key = JSON.stringify([source, served.map((s) => s.fetchedAt), params]);
	const result = await pool.run(liveJob(series, params, source === 'all'), key);
	return settle(source, served, failed, { analysis: result.json, outcomes: result.outcomes, agreement: result.agreement }, now);
}
