/**
 * Binance USDⓈ-M futures, BTCUSDT perpetual, through ccxt's `binanceusdm` (REST) and `ccxt.pro.binanceusdm`
 * (websocket `wss://fstream.binance.com/market/ws`).
 *
 * REST:
 * - candles: `GET /fapi/v1/klines?symbol=BTCUSDT&interval=…&startTime=…&endTime=…&limit=1000` (ccxt caps the limit at
 *   1000; rows `[openTime, "open", "high", "low", "close", "volume (BTC)", closeTime, …]`, oldest first);
 * - open interest: `GET /futures/data/openInterestHist?symbol=BTCUSDT&period=…&startTime=…&endTime=…&limit=500`
 *   (`sumOpenInterestValue` is the notional in USDT; Binance keeps the last 30 days only).
 * Markets: `GET /fapi/v1/exchangeInfo` once (binanceusdm loads linear markets only).
 *
 * Rate limit (Binance USDⓈ-M "General Info: Limits", and `rateLimits` in `exchangeInfo`): request weight 2,400 per
 * minute per IP; `klines` weighs 5 at limit 500–1000 (1 below 100, 2 below 500, 10 above 1000), `exchangeInfo` 1.
 * `openInterestHist` weighs 0 but has its own IP limit of 1,000 requests per 5 minutes (200 per minute): charged 12
 * here (2,400 / 200), so open-interest pages alone can never pass it.
 *
 * Stream:
 * - candles: `btcusdt@kline_<tf>` (ccxt `watchOHLCV`), `k.t` open time, `k.o/h/l/c` USDT, `k.v` BTC, `k.x` closed;
 * - liquidations: `btcusdt@forceOrder` (ccxt `watchLiquidations`): `o.S` is the side of the liquidation ORDER, so SELL
 *   means a long was liquidated; `o.z` (filled, BTC) at `o.ap` (average price), `o.T` time. Binance sends at most ONE
 *   print per symbol per second (the latest), so totals read from this stream are a lower bound;
 * - funding: `btcusdt@markPrice@1s` (ccxt `watchMarkPrice`): `r` current funding rate per 8 h, `T` next funding time;
 * - open interest: no stream; polled over REST (`GET /fapi/v1/openInterest`, BTC × last price).
 */
import type { Timeframe } from '../../core/types.ts';
import { ccxtWatches, checkedCandle, checkedFunding, checkedPrint, type Parsed } from '../streams/connector.ts';
import { ccxtCandlePage, ccxtOpenInterestPage, PERP, type ExchangeAdapter } from './types.ts';

const TIMEFRAMES: Record<string, Timeframe> = { '5m': '5m', '15m': '15m', '1h': '1h', '4h': '4h', '1d': '1d' };

type Message = Record<string, unknown>;

/** One websocket message of Binance (`{ e: <event type>, … }`) read into events. */
function parse(message: unknown): Parsed {
	if (typeof message !== 'object' || message === null || Array.isArray(message)) return 'malformed';
	const m = message as Message;
	if ('result' in m && 'id' in m) return 'ignored';
	if (m.e === 'kline') {
		const k = (m.k ?? {}) as Message;
		const timeframe = TIMEFRAMES[String(k.i)];
		const candle = checkedCandle(k.t, k.o, k.h, k.l, k.c, k.v);
		if (!timeframe || !candle || typeof k.x !== 'boolean') return 'malformed';
		return [{ type: 'candle', timeframe, candle, closed: k.x }];
	}
	if (m.e === 'forceOrder') {
		const o = (m.o ?? {}) as Message;
		const side = o.S === 'SELL' ? 'long' : o.S === 'BUY' ? 'short' : null;
		const print = checkedPrint(o.T, side, o.ap ?? o.p, o.z ?? o.q);
		return print ? [print] : 'malformed';
	}
	if (m.e === 'markPriceUpdate') {
		const funding = checkedFunding(m.E, m.r, m.T);
		return funding ? [funding] : 'malformed';
	}
	return typeof m.e === 'string' ? 'ignored' : 'malformed';
}

export const binanceusdmAdapter: ExchangeAdapter = {
	id: 'binanceusdm',
	name: 'Binance',
	ccxtClass: 'binanceusdm',
	ccxtOptions: {},
	rateLimit: { units: 2400, windowMs: 60_000, cost: { markets: 1, candles: 5, openInterest: 12, funding: 1 } },
	candlePageLimit: 1000,
	fetchCandlePage: ccxtCandlePage(1000),
	openInterestPageLimit: 500,
	openInterestDays: () => 30,
	openInterestPeriod: (timeframe) => timeframe,
	fetchOpenInterestPage: ccxtOpenInterestPage(500),
	stream: {
		notes: ['Binance sends at most one liquidation print per symbol per second: its totals are a lower bound'],
		// Every stream on one socket (ccxt spreads streams over several by default).
		options: { streamLimits: { future: 1 } },
		...ccxtWatches,
		watchFunding: (exchange) => exchange.watchMarkPrice(PERP),
		streamsOpenInterest: false,
		parse
	}
};
