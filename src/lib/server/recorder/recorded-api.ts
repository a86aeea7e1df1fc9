/**
 * The routes over recorded history (same conventions as `api.ts`: checked parameters, `{ error }` refusals):
 * - `GET /api/liquidations`: the prints of the stream hub's ring AND the recorded ones since `since`, merged (one copy
 *   per print), newest `limit`, with the outages of both; same response shape as without a database.
 * - `GET /api/derivatives`: recorded open interest and funding first (one sample per candle of the timeframe); the
 *   exchange is asked only when the recording does not cover the lookback up to the last two candles, and then fills
 *   what the recording lacks. Same response shape.
 * - `GET /api/recording`: the database (kind, location, size), the retention and the server's recorder status.
 * - `GET /api/realised?source=&timeframe=&lookback=`: the realised-liquidation calibration over the recorded lookback
 *   (plus the 300 candles of warm-up before it) on a worker thread, cached a minute:
 *   `{ recording, result: {…the JSON of liqmap calibrate --realised} | null, reason }`.
 * A database that cannot be read leaves the routes answering from the exchanges alone.
 */
import type { AnalysisParams } from '../../core/analysis/params.ts';
import { DEFAULT_REALISED, type RealisedJson } from '../../core/calibration/realised.ts';
import { TIMEFRAME_MS } from '../../core/market/resample.ts';
import type { LiquidationPrint } from '../../stream-types.ts';
import { checkQuery, parseLimit } from '../api-params.ts';
import { respond, type ApiResult } from '../api.ts';
import type { ExchangeId } from '../exchanges.ts';
import { liveSources, type LiveSources } from '../live-sources.ts';
import { combineDerivatives, fetchDerivatives, type Derivatives } from '../streams/derivatives.ts';
import { DERIVATIVE_PARAMS, liquidationsApi, liveIds, parseSince } from '../streams/stream-api.ts';
import { streamHub, type StreamHub } from '../streams/stream-hub.ts';
import { recordedStore, recordingInfo, type RecordingInfo } from './recorded-data.ts';
import { realisedSeries, recordedDerivatives } from './recorded-series.ts';
import { realisedOnWorker } from './realised-worker.ts';
import type { RecordStore } from './store.ts';

const DAY_MS = 86_400_000;
const REALISED_TTL_MS = 60_000;

const printKey = (p: LiquidationPrint) => `${p.exchange}:${p.time}:${p.side}:${p.price}:${p.amount}`;

/** Reads from the store, or null when it fails (the route then answers without it). */
async function attempt<T>(read: (store: RecordStore) => Promise<T>, store: Promise<RecordStore | null>): Promise<T | null> {
	const opened = await store;
	if (!opened) return null;
	return Promise.resolve()
		.then(() => read(opened))
		.catch(() => null);
}

export async function liquidationsWithRecord(url: URL, hub: StreamHub = streamHub(), live: LiveSources = liveSources(), store = recordedStore()): Promise<ApiResult> {
	const result = await liquidationsApi(url, hub, live);
	if (result.status !== 200) return result;
	const body = result.body as { source: string; liquidations: LiquidationPrint[]; outages: { exchange: ExchangeId; from: number; to: number | null }[]; streaming: ExchangeId[] };
	const { ids } = liveIds(url.searchParams, live);
	const since = parseSince(url.searchParams);
	const limit = parseLimit(url.searchParams);
	const recorded = await attempt((s) => Promise.all([s.liquidations(ids, { from: since, to: Number.MAX_SAFE_INTEGER }, limit), s.outages(ids, { from: 0, to: Number.MAX_SAFE_INTEGER })]), store);
	if (!recorded) return result;
	const [prints, outages] = recorded;
	const merged = new Map<string, LiquidationPrint>();
	for (const p of [...prints, ...body.liquidations]) merged.set(printKey(p), p);
	const liquidations = [...merged.values()].sort((a, b) => a.time - b.time).slice(-limit);
	const spans = new Map<string, { exchange: ExchangeId; from: number; to: number | null }>();
	for (const o of [...outages.map(({ exchange, from, to }) => ({ exchange, from, to })), ...body.outages]) spans.set(`${o.exchange}:${o.from}`, o);
	return { ...result, body: { ...body, liquidations, outages: [...spans.values()].sort((a, b) => a.from - b.from) } };
}

/** The recording covers [since, now − 2 candles] (open interest) and has funding in it. */
function covers(recorded: Derivatives, since: number, now: number, candleMs: number): boolean {
	const oi = recorded.openInterest;
	return oi.length > 0 && oi[0].time <= since + candleMs && oi[oi.length - 1].time >= now - 2 * candleMs && recorded.funding.length > 0;
}

/** REST where it has points; the recording before REST's first point. */
function mergeDerivatives(recorded: Derivatives, rest: Derivatives): Derivatives {
	const before = <T extends { time: number }>(mine: T[], theirs: T[]) => [...mine.filter((p) => theirs.length === 0 || p.time < theirs[0].time), ...theirs];
	return { openInterest: before(recorded.openInterest, rest.openInterest), funding: before(recorded.funding, rest.funding) };
}

export function derivativesWithRecord(url: URL, live: LiveSources = liveSources(), now = Date.now(), store = recordedStore()): Promise<ApiResult> {
	return respond(async () => {
		checkQuery(url.searchParams, DERIVATIVE_PARAMS);
		const { view, ids } = liveIds(url.searchParams, live);
		const { timeframe, lookbackDays } = view.analysis;
		const since = now - lookbackDays * DAY_MS;
		const parts = await Promise.all(
			ids.map(async (id) => {
				const recorded = await attempt((s) => recordedDerivatives(s, id, timeframe, { from: since, to: now }), store);
				if (recorded && covers(recorded, since, now, TIMEFRAME_MS[timeframe])) return recorded;
				const rest = await fetchDerivatives(live, id, timeframe, lookbackDays, now);
				return recorded ? mergeDerivatives(recorded, rest) : rest;
			})
		);
		return parts.length === 1 ? parts[0] : combineDerivatives(parts);
	});
}

export function recordingApi(url: URL): Promise<ApiResult> {
	return respond(async () => {
		checkQuery(url.searchParams, []);
		return recordingInfo();
	});
}

const cache = new Map<string, { at: number; value: { recording: RecordingInfo; result: RealisedJson | null; reason: string | null } }>();

export const REALISED_PARAMS = ['source', 'timeframe', 'lookback'] as const;

export function realisedApi(url: URL, live: LiveSources = liveSources(), now = Date.now(), store = recordedStore(), params?: Partial<AnalysisParams>): Promise<ApiResult> {
	return respond(async () => {
		checkQuery(url.searchParams, REALISED_PARAMS);
		const { view, ids } = liveIds(url.searchParams, live);
		const analysis = { ...view.analysis, ...params };
		const recording = await recordingInfo();
		const opened = await store;
		if (!opened) return { recording, result: null, reason: recording.error ?? 'nothing is recorded on this server: start it with LIQMAP_RECORD=binanceusdm,bybit,okx (or run liqmap record)' };
		const key = JSON.stringify([ids, analysis.timeframe, analysis.lookbackDays, analysis.model, analysis.weights, analysis.swingLength, analysis.contextTimeframe]);
		const hit = cache.get(key);
		if (hit && now - hit.at < REALISED_TTL_MS) return { ...hit.value, recording };
		const from = now - analysis.lookbackDays * DAY_MS - DEFAULT_REALISED.warmUp * TIMEFRAME_MS[analysis.timeframe];
		const series = await realisedSeries(opened, ids, analysis.timeframe, { from, to: now });
		const result = series.length ? await realisedOnWorker({ series, params: analysis }, key) : null;
		const value = { recording, result, reason: result ? null : 'no candles recorded for this source in the lookback yet' };
		cache.set(key, { at: now, value });
		return value;
	});
}
