/**
 * What each exchange adapter provides: one page of candles and one page of open interest, in the units of the core
 * (`Candle`: ms open time, USDT prices, BTC volume; open interest as USDT notional or BTC amount), through ccxt; and
 * its websocket stream (`stream`: subscriptions, capabilities, message reader; the contract is in
 * `../streams/connector.ts`). Paging, de-duplication, validation and caching are shared (`live-market.ts`), and so are
 * reconnection and fault handling (`../streams/exchange-stream.ts`); an adapter only knows its exchange.
 */
import type { Exchange, pro } from 'ccxt';
import type { Timeframe } from '../../core/types.ts';
import type { RateLimit } from '../request-budget.ts';
import type { StreamConnector } from '../streams/connector.ts';

/** A ccxt class with both a REST and a websocket (`ccxt.pro`) implementation. */
export type CcxtClass = Extract<keyof typeof pro, string>;

/** What a call to the exchange does: load its markets, read a page of candles, of open interest, or funding. */
export type RequestKind = 'markets' | 'candles' | 'openInterest' | 'funding';

/** The exchange's published per-IP limit and the cost of each kind of call in its units (HTTP requests × weight). */
export interface ExchangeRateLimit extends RateLimit {
	cost: Record<RequestKind, number>;
}

/** One open-interest sample: USDT notional when the exchange reports it, otherwise the amount in BTC. */
export interface OpenInterestSample {
	/** Sample time (ms UTC). */
	time: number;
	/** Open interest in USDT (USD for OKX), or null when only the BTC amount is known. */
	notional: number | null;
	/** Open interest in BTC, or null. */
	amount: number | null;
}

/**
 * One exchange: everything the app knows about it. The registry (`exchanges.ts`) lists the adapters; the source list,
 * the API, the CLI, the configuration and the clients all derive from it.
 */
export interface ExchangeAdapter {
	/** Source id in URLs, the API and the CLI (`?source=bybit`), and in `LIQMAP_EXCHANGE_URL_<ID>`. */
	id: string;
	/** Display name ("Bybit"), in banners, exports and error messages. */
	name: string;
	/** The ccxt exchange class: a key of the `ccxt` module (REST) and of `ccxt.pro` (websocket). */
	ccxtClass: CcxtClass;
	/** ccxt `options` beyond `defaultType: 'swap'`: what keeps `loadMarkets()` to the perpetual markets. */
	ccxtOptions: Record<string, unknown>;
	/** The budget every request of the process to this exchange takes from (`request-budget.ts`). */
	rateLimit: ExchangeRateLimit;
	/** Candles per request (the exchange's real maximum for the endpoint ccxt calls). */
	candlePageLimit: number;
	/** `[time, open, high, low, close, volume]` rows with open times in `[since, until]`, any order. */
	fetchCandlePage(exchange: Exchange, timeframe: Timeframe, since: number, until: number): Promise<unknown[][]>;
	/** Samples per open-interest request. */
	openInterestPageLimit: number;
	/** How far back the exchange keeps open interest at this timeframe (days). */
	openInterestDays(timeframe: Timeframe): number;
	/** The sampling period asked for at a chart timeframe (the exchange may offer fewer periods than timeframes). */
	openInterestPeriod(timeframe: Timeframe): Timeframe;
	fetchOpenInterestPage(exchange: Exchange, period: Timeframe, since: number, until: number): Promise<OpenInterestSample[]>;
	/** The websocket stream: subscriptions, whether open interest is streamed or polled, standing notes, the parser. */
	stream: StreamConnector;
}

/** ccxt's unified open-interest structure, the fields read here. */
export interface CcxtOpenInterest {
	timestamp?: number;
	openInterestAmount?: number;
	openInterestValue?: number;
}

export function toSample(point: CcxtOpenInterest): OpenInterestSample | null {
	if (typeof point.timestamp !== 'number') return null;
	const notional = typeof point.openInterestValue === 'number' && point.openInterestValue > 0 ? point.openInterestValue : null;
	const amount = typeof point.openInterestAmount === 'number' && point.openInterestAmount > 0 ? point.openInterestAmount : null;
	return notional === null && amount === null ? null : { time: point.timestamp, notional, amount };
}

export const PERP = 'BTC/USDT:USDT';

/** A candle page through ccxt's unified `fetchOHLCV` with `limit` rows and `until` (what every adapter here sends). */
export const ccxtCandlePage =
	(limit: number): ExchangeAdapter['fetchCandlePage'] =>
	(exchange, timeframe, since, until) =>
		exchange.fetchOHLCV(PERP, timeframe, since, limit, { until });

/** An open-interest page through ccxt's unified `fetchOpenInterestHistory`, unusable samples dropped. */
export const ccxtOpenInterestPage =
	(limit: number): ExchangeAdapter['fetchOpenInterestPage'] =>
	async (exchange, period, since, until) => {
		const points = (await exchange.fetchOpenInterestHistory(PERP, period, since, limit, { until })) as CcxtOpenInterest[];
		return points.map(toSample).filter((sample) => sample !== null);
	};
