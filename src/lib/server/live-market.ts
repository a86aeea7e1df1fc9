/**
 * Live market data from one exchange: the last `count` CLOSED candles of a timeframe, the still-forming candle, and
 * the open-interest series over as much of that span as the exchange keeps, as core types.
 *
 * Candles are fetched page by page, oldest first, from `formingOpen − count·T` to the forming candle (T = timeframe in
 * ms): each request asks for the window `[since, since + pageLimit·T)`, and the next one starts after the newest candle
 * received. Pages are bounded (`MAX_CANDLE_PAGES`); a window that comes back empty is a hole in the exchange's data
 * (skipped, it shows up as a gap in the analysis), but no candle at all is an error.
 *
 * Exchanges may repeat a candle (the last of one page is the first of the next, or the forming candle twice) and
 * answer newest-first: rows are therefore de-duplicated by open time (the LAST copy received wins, it is the freshest)
 * and sorted oldest-first EXPLICITLY, before the one validator (`parseCandleRows`) checks every row.
 *
 * The forming candle (open time + T > now) is split off: analyses use closed candles only (the model is causal and a
 * forming candle still changes), and the API returns it separately as `forming` for live display.
 *
 * Open interest becomes USDT notional: Binance and OKX report it (`sumOpenInterestValue`, OKX's `oi` in USD); Bybit
 * reports BTC, multiplied here by the close of the candle the sample falls in (or the nearest earlier one).
 * Open interest is optional: when it fails, the candles are still served and `openInterestNote` says why.
 */
import { CandleDataError, parseCandleRows } from '../core/market/candle-parse.ts';
import type { OpenInterestPoint } from '../core/analysis/analyze.ts';
import { TIMEFRAME_MS } from '../core/market/resample.ts';
import type { Candle, Timeframe } from '../core/types.ts';
import type { ExchangeAdapter, OpenInterestSample } from './adapters/types.ts';
import { PERP_SYMBOL, type ExchangeClient, type ExchangeId } from './exchange-client.ts';
import { UpstreamError } from './upstream-error.ts';
import { formatUtc } from '../format.ts';

/** Upper bound on candle requests for one series (OKX: 6,000 candles; Binance/Bybit: 60,000). */
export const MAX_CANDLE_PAGES = 60;
/** Upper bound on open-interest requests for one series; the covered span is reported. */
export const MAX_OPEN_INTEREST_PAGES = 8;

export interface LiveMarket {
	source: ExchangeId;
	/** Display name: Binance, Bybit, OKX. */
	name: string;
	symbol: string;
	timeframe: Timeframe;
	/** Closed candles, oldest first. */
	candles: Candle[];
	/** The still-forming candle, or null when the exchange did not send it. */
	forming: Candle | null;
	/** Open interest in USDT notional, oldest first (may cover less time than the candles). */
	openInterest: OpenInterestPoint[];
	/** Why open interest is missing or short, in plain words; null when it covers every candle. */
	openInterestNote: string | null;
	/** When the data was fetched (ms UTC). */
	fetchedAt: number;
}

/** De-duplicates by open time (last copy wins), sorts oldest-first, then validates with the core parser. */
export function cleanCandleRows(rows: readonly unknown[][], exchangeName: string, now = Date.now()): Candle[] {
	const byTime = new Map<number, unknown[]>();
	for (const row of rows) byTime.set(Number(Array.isArray(row) ? row[0] : NaN), row);
	const sorted = [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
	try {
		return parseCandleRows(sorted, { now }).candles;
	} catch (error) {
		if (error instanceof CandleDataError)
			throw new UpstreamError('upstream-invalid-data', exchangeName, `${exchangeName} sent invalid candles: ${error.message}`);
		throw error;
	}
}

async function fetchCandles(adapter: ExchangeAdapter, client: ExchangeClient, timeframe: Timeframe, count: number, now: number) {
	const candleMs = TIMEFRAME_MS[timeframe];
	const formingOpen = Math.floor(now / candleMs) * candleMs;
	const pageSpan = adapter.candlePageLimit * candleMs;
	const rows: unknown[][] = [];
	let since = Math.max(formingOpen - count * candleMs, formingOpen - MAX_CANDLE_PAGES * pageSpan + candleMs);
	for (let page = 0; since <= formingOpen && page < MAX_CANDLE_PAGES; page++) {
		const until = Math.min(since + pageSpan - 1, formingOpen + candleMs - 1);
		const windowStart = since;
		const batch = await client.call('candles', (exchange) => adapter.fetchCandlePage(exchange, timeframe, windowStart, until));
		rows.push(...batch);
		// Continue after the newest candle received (a page cut short, e.g. by ccxt's limit, leaves no hole); an empty
		// window is a hole in the exchange's data: skip it.
		const newest = Math.max(...batch.map((row) => Number(row[0])).filter((time) => time >= since && time <= until));
		since = Number.isFinite(newest) ? newest + candleMs : since + pageSpan;
	}
	const none = () => new UpstreamError('upstream-no-data', client.name, `${client.name} sent no candles for ${PERP_SYMBOL} ${timeframe}`);
	if (rows.length === 0) throw none();
	const candles = cleanCandleRows(rows, client.name, now);
	const closed = candles.filter((candle) => candle.time + candleMs <= now);
	if (closed.length === 0) throw none();
	const forming = candles.find((candle) => candle.time === formingOpen) ?? null;
	return { closed: closed.slice(-count), forming };
}

/** Bybit's BTC amounts × the close of the candle containing each sample (or the nearest earlier candle). */
export function toNotional(samples: readonly OpenInterestSample[], candles: readonly Candle[]): OpenInterestPoint[] {
	const points: OpenInterestPoint[] = [];
	let j = 0;
	for (const sample of [...samples].sort((a, b) => a.time - b.time)) {
		if (sample.notional !== null) {
			points.push({ time: sample.time, notional: sample.notional });
			continue;
		}
		while (j + 1 < candles.length && candles[j + 1].time <= sample.time) j++;
		if (sample.amount !== null && candles.length > 0 && candles[j].time <= sample.time)
			points.push({ time: sample.time, notional: sample.amount * candles[j].close });
	}
	return points.filter((point, i) => i === 0 || point.time !== points[i - 1].time);
}

async function fetchOpenInterest(adapter: ExchangeAdapter, client: ExchangeClient, timeframe: Timeframe, candles: Candle[], now: number) {
	const period = adapter.openInterestPeriod(timeframe);
	const periodMs = TIMEFRAME_MS[period];
	const pageSpan = adapter.openInterestPageLimit * periodMs;
	const kept = now - adapter.openInterestDays(timeframe) * 86_400_000;
	const from = Math.max(candles[0].time, kept, now - MAX_OPEN_INTEREST_PAGES * pageSpan);
	const samples: OpenInterestSample[] = [];
	for (let since = from, page = 0; since <= now && page < MAX_OPEN_INTEREST_PAGES; page++, since += pageSpan) {
		const windowStart = since;
		const until = Math.min(since + pageSpan - 1, now);
		samples.push(...(await client.call('openInterest', (exchange) => adapter.fetchOpenInterestPage(exchange, period, windowStart, until))));
	}
	return toNotional(samples, candles);
}

/** Why open interest does not cover these candles, in plain words; null when it does. */
function openInterestGap(name: string, openInterest: readonly OpenInterestPoint[], candles: readonly Candle[], timeframe: Timeframe): string | null {
	if (openInterest.length === 0) return `${name} sent no open interest for this span`;
	if (openInterest[0].time > candles[0].time + TIMEFRAME_MS[timeframe])
		return `${name} open interest starts ${formatUtc(openInterest[0].time)}, after the first candle`;
	return null;
}

/**
 * The last `count` closed candles of a fetched series and the open interest over them (the forming candle kept): a
 * shorter request served from a longer cached fetch, as a direct fetch of `count` candles would have answered.
 */
export function lastCandles(market: LiveMarket, count: number): LiveMarket {
	if (market.candles.length <= count) return market;
	const candles = market.candles.slice(-count);
	const openInterest = market.openInterest.filter((point) => point.time >= candles[0].time);
	// No open interest at all: the note already says why (none sent, or the request failed).
	const openInterestNote = market.openInterest.length === 0 ? market.openInterestNote : openInterestGap(market.name, openInterest, candles, market.timeframe);
	return { ...market, candles, openInterest, openInterestNote };
}

/** Fetches one exchange's series; throws `UpstreamError` when the candles cannot be had. */
export async function fetchLiveMarket(
	adapter: ExchangeAdapter,
	client: ExchangeClient,
	timeframe: Timeframe,
	count: number,
	now = Date.now()
): Promise<LiveMarket> {
	const { closed, forming } = await fetchCandles(adapter, client, timeframe, count, now);
	let openInterest: OpenInterestPoint[] = [];
	let openInterestNote: string | null = null;
	try {
		openInterest = await fetchOpenInterest(adapter, client, timeframe, closed, now);
		openInterestNote = openInterestGap(client.name, openInterest, closed, timeframe);
	} catch (error) {
		const reason = error instanceof UpstreamError ? error.message : `${client.name} open interest could not be read`;
		openInterestNote = `open interest unavailable: ${reason}`;
	}
	return { source: adapter.id, name: client.name, symbol: PERP_SYMBOL, timeframe, candles: closed, forming, openInterest, openInterestNote, fetchedAt: now };
}
