/**
 * Binance USDⓈ-M stream connector (BTCUSDT perpetual), websocket `wss://fstream.binance.com/market/ws`:
 * - candles: `btcusdt@kline_<tf>` (ccxt `watchOHLCV`), `k.t` open time, `k.o/h/l/c` USDT, `k.v` BTC, `k.x` closed;
 * - liquidations: `btcusdt@forceOrder` (ccxt `watchLiquidations`): `o.S` is the side of the liquidation ORDER, so SELL
 *   means a long was liquidated; `o.z` (filled, BTC) at `o.ap` (average price), `o.T` time. Binance sends at most ONE
 *   print per symbol per second (the latest), so totals read from this stream are a lower bound;
 * - funding: `btcusdt@markPrice@1s` (ccxt `watchMarkPrice`): `r` current funding rate per 8 h, `T` next funding time;
 * - open interest: no stream; polled over REST (`GET /fapi/v1/openInterest`, BTC × last price).
 */
import type { Timeframe } from '../../core/types.ts';
import { checkedCandle, checkedPrint, num, PERP, type Parsed, type StreamConnector } from './connector.ts';

const TIMEFRAMES: Record<string, Timeframe> = { '5m': '5m', '15m': '15m', '1h': '1h', '4h': '4h', '1d': '1d' };

type Message = Record<string, unknown>;

export const binanceusdmConnector: StreamConnector = {
	id: 'binanceusdm',
	notes: ['Binance sends at most one liquidation print per symbol per second: its totals are a lower bound'],
	// Every stream on one socket (ccxt spreads streams over several by default).
	options: { streamLimits: { future: 1 } },
	watchCandles: (exchange, timeframe) => exchange.watchOHLCV(PERP, timeframe),
	watchLiquidations: (exchange) => exchange.watchLiquidations(PERP),
	watchFunding: (exchange) => exchange.watchMarkPrice(PERP),
	streamsOpenInterest: false,
	parse(message): Parsed {
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
			const rate = num(m.r);
			const time = num(m.E);
			const next = num(m.T);
			if (!Number.isFinite(rate) || !Number.isFinite(time)) return 'malformed';
			return [{ type: 'funding', time, rate, nextFundingTime: Number.isFinite(next) && next > 0 ? next : null }];
		}
		return typeof m.e === 'string' ? 'ignored' : 'malformed';
	}
};
