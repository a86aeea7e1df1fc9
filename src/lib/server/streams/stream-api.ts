/**
 * The live-data routes, same conventions as `api.ts` (whitelisted parameters, `{ "error": { code, message, param } }`
 * refusals, 502/504 naming the exchange, `cache-control: no-store`):
 * - `GET /api/stream?source=&timeframe=`: Server-Sent Events (`text/event-stream`) of the exchange streams: `candle`
 *   (`{ exchange, timeframe, candle: { time, open, high, low, close, volume }, closed, filled }`), `liquidation`
 *   (`{ time, exchange, side, price, amount, notional }`, side = the side liquidated), `openInterest`
 *   (`{ time, exchange, value, filled }`, USDT), `funding` (`{ time, exchange, rate, nextFundingTime, filled }`, rate
 *   per 8 h) and `status` (per exchange: state connecting / connected / reconnecting / polling / stopped, `reason`,
 *   `outages` [{ from, to }], `dropped` counts, `notes`). A comment line every 15 s keeps proxies from closing it.
 *   `source=sample` is refused with 400 `not-live`: the embedded sample has no stream.
 * - `GET /api/liquidations?source=&since=&limit=`: `{ source, liquidations: [...], outages: [...], streaming: [...] }`,
 *   the prints the server has seen (only while a stream of that exchange is open), newest last, `since` in ms UTC
 *   (default 0), `limit` 1–5000 (default 500).
 * - `GET /api/derivatives?source=&timeframe=&lookback=`: `{ openInterest: [{ time, value }], funding: [{ time, rate }] }`
 *   over REST (see `derivatives.ts`); `source=all` sums open interest at common times and averages funding.
 */
import { ApiError, checkQuery, parseApiView, parseLimit } from '../api-params.ts';
import { respond, type ApiResult } from '../api.ts';
import { EXCHANGE_IDS, type ExchangeId } from '../exchange-client.ts';
import { liveSources, type LiveSources } from '../live-sources.ts';
import { combineDerivatives, fetchDerivatives } from './derivatives.ts';
import { streamHub, type StreamHub } from './stream-hub.ts';

export const STREAM_PARAMS = ['source', 'timeframe'] as const;
export const LIQUIDATION_PARAMS = ['source', 'since', 'limit'] as const;
export const DERIVATIVE_PARAMS = ['source', 'timeframe', 'lookback'] as const;
const KEEPALIVE_MS = 15_000;

/** The exchanges of a validated live source; the sample is refused (it has no stream, no prints, no derivatives). */
export function liveIds(query: URLSearchParams, live: LiveSources) {
	const view = parseApiView(query, live.config.defaultSource);
	if (view.source === 'sample')
		throw new ApiError(400, 'not-live', `source=sample: the embedded sample is not live; choose ${EXCHANGE_IDS.join(', ')} or all`, { param: 'source' });
	const ids: ExchangeId[] = view.source === 'all' ? [...EXCHANGE_IDS] : [view.source];
	return { view, ids };
}

/** `since`: ms UTC, a whole number ≥ 0. */
export function parseSince(query: URLSearchParams): number {
	const raw = query.get('since');
	if (raw === null || raw === '') return 0;
	if (!/^\d{1,16}$/.test(raw.trim())) throw new ApiError(400, 'bad-parameter', `since=${JSON.stringify(raw.slice(0, 40))}: expected a time in ms UTC (a whole number ≥ 0)`, { param: 'since' });
	return Number(raw);
}

/** `GET /api/stream`: a Server-Sent Events response, or the refusal as an `ApiResult`. */
export function streamApi(url: URL, signal: AbortSignal | null = null, hub: StreamHub = streamHub(), live: LiveSources = liveSources()): Response | Promise<ApiResult> {
	let ids: ExchangeId[];
	let timeframe;
	try {
		checkQuery(url.searchParams, STREAM_PARAMS);
		const checked = liveIds(url.searchParams, live);
		ids = checked.ids;
		timeframe = checked.view.analysis.timeframe;
	} catch (error) {
		return respond(() => Promise.reject(error));
	}
	const encoder = new TextEncoder();
	let stop = () => {};
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			let open = true;
			let keepalive: unknown = null;
			const send = (text: string) => {
				if (!open) return;
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					stop();
				}
			};
			const beat = () => {
				send(': keepalive\n\n');
				keepalive = hub.clock.setTimeout(beat, KEEPALIVE_MS);
			};
			send('retry: 5000\n\n');
			const unsubscribe = hub.subscribe(ids, timeframe, (event) => send(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`));
			keepalive = hub.clock.setTimeout(beat, KEEPALIVE_MS);
			stop = () => {
				if (!open) return;
				open = false;
				hub.clock.clearTimeout(keepalive);
				unsubscribe();
				try {
					controller.close();
				} catch {
					// already closed by the client
				}
			};
			signal?.addEventListener('abort', () => stop());
		},
		cancel() {
			stop();
		}
	});
	return new Response(body, {
		headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' }
	});
}

/** `GET /api/liquidations`. */
export function liquidationsApi(url: URL, hub: StreamHub = streamHub(), live: LiveSources = liveSources()): Promise<ApiResult> {
	return respond(async () => {
		checkQuery(url.searchParams, LIQUIDATION_PARAMS);
		const { view, ids } = liveIds(url.searchParams, live);
		const since = parseSince(url.searchParams);
		const limit = parseLimit(url.searchParams);
		return {
			source: view.source,
			liquidations: hub.liquidations(ids, since, limit),
			outages: hub.outages(ids),
			streaming: hub.streaming.filter((id) => ids.includes(id))
		};
	});
}

/** `GET /api/derivatives`. */
export function derivativesApi(url: URL, live: LiveSources = liveSources(), now = Date.now()): Promise<ApiResult> {
	return respond(async () => {
		checkQuery(url.searchParams, DERIVATIVE_PARAMS);
		const { view, ids } = liveIds(url.searchParams, live);
		const { timeframe, lookbackDays } = view.analysis;
		const parts = await Promise.all(ids.map((id) => fetchDerivatives(live, id, timeframe, lookbackDays, now)));
		return parts.length === 1 ? parts[0] : combineDerivatives(parts);
	});
}
