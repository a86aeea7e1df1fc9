/**
 * Bybit v5, BTCUSDT linear perpetual, through ccxt's `bybit` (REST) and `ccxt.pro.bybit` (websocket
 * `wss://stream.bybit.com/v5/public/linear`).
 *
 * REST:
 * - candles: `GET /v5/market/kline?category=linear&symbol=BTCUSDT&interval=…&start=…&end=…&limit=1000`
 *   (`result.list` rows `["startTime", "open", "high", "low", "close", "volume (BTC)", "turnover"]`, newest first);
 *   `end` is always sent: with `start` alone Bybit answers with the newest candles, not those after `start`;
 * - open interest: `GET /v5/market/open-interest?category=linear&symbol=BTCUSDT&intervalTime=5min|15min|1h|4h|1d&
 *   startTime=…&endTime=…&limit=200` (`openInterest` is in BTC: the caller converts it to USDT with the candle close).
 * Markets: `GET /v5/market/instruments-info?category=linear` (twice: trading and pre-launch), linear only.
 *
 * Rate limit (Bybit v5 "Rate Limit Rules", HTTP IP limit): 600 requests in any 5-second window per IP, whatever the
 * endpoint. Each call is one request, loading the markets two.
 *
 * Stream:
 * - candles: `kline.<5|15|60|240|D>.BTCUSDT` (ccxt `watchOHLCV`): `start` open time, prices USDT, `volume` BTC,
 *   `confirm` true on the closing update;
 * - liquidations: `allLiquidation.BTCUSDT` (ccxt `watchLiquidations`): `S` is the POSITION side (Buy = a long was
 *   liquidated), `v` BTC, `p` price, `T` time; every liquidation is sent (not one per second);
 * - funding and open interest: `tickers.BTCUSDT` (ccxt `watchTicker`): `fundingRate` per 8 h, `nextFundingTime`,
 *   `openInterestValue` USDT (deltas carry only changed fields).
 */
import type { Timeframe } from '../../core/types.ts';
import { ccxtWatches, checkedCandle, checkedFunding, checkedPrint, num, type Parsed, type ParsedEvent } from '../streams/connector.ts';
import { ccxtCandlePage, ccxtOpenInterestPage, PERP, type ExchangeAdapter } from './types.ts';

const TIMEFRAMES: Record<string, Timeframe> = { '5': '5m', '15': '15m', '60': '1h', '240': '4h', D: '1d' };

type Message = Record<string, unknown>;

/** One websocket message of Bybit (`{ topic, ts, data }`) read into events. */
function parse(message: unknown): Parsed {
	if (typeof message !== 'object' || message === null || Array.isArray(message)) return 'malformed';
	const m = message as Message;
	if ('op' in m || 'success' in m) return 'ignored';
	const topic = typeof m.topic === 'string' ? m.topic : '';
	const [channel, interval] = topic.split('.');
	if (channel === 'kline') {
		const timeframe = TIMEFRAMES[interval];
		if (!timeframe || !Array.isArray(m.data) || m.data.length === 0) return 'malformed';
		const events: ParsedEvent[] = [];
		for (const d of m.data as Message[]) {
			const candle = checkedCandle(d.start, d.open, d.high, d.low, d.close, d.volume);
			if (!candle || typeof d.confirm !== 'boolean') return 'malformed';
			events.push({ type: 'candle', timeframe, candle, closed: d.confirm });
		}
		return events;
	}
	if (channel === 'allLiquidation' || channel === 'liquidation') {
		const rows = (Array.isArray(m.data) ? m.data : [m.data]) as Message[];
		const events: ParsedEvent[] = [];
		for (const d of rows) {
			const side = d?.S === 'Buy' ? 'long' : d?.S === 'Sell' ? 'short' : null;
			const print = checkedPrint(d?.T, side, d?.p, d?.v);
			if (!print) return 'malformed';
			events.push(print);
		}
		return events.length ? events : 'malformed';
	}
	if (channel === 'tickers') {
		const d = (m.data ?? {}) as Message;
		if (!Number.isFinite(num(m.ts))) return 'malformed';
		const events: ParsedEvent[] = [];
		const funding = checkedFunding(m.ts, d.fundingRate, d.nextFundingTime);
		if (funding) events.push(funding);
		const value = num(d.openInterestValue);
		if (Number.isFinite(value) && value > 0) events.push({ type: 'openInterest', time: num(m.ts), value });
		return events.length ? events : 'ignored';
	}
	return 'ignored';
}

export const bybitAdapter: ExchangeAdapter = {
	id: 'bybit',
	name: 'Bybit',
	ccxtClass: 'bybit',
	ccxtOptions: { fetchMarkets: { types: ['linear'] } },
	rateLimit: { units: 600, windowMs: 5_000, cost: { markets: 2, candles: 1, openInterest: 1, funding: 1 } },
	candlePageLimit: 1000,
	fetchCandlePage: ccxtCandlePage(1000),
	openInterestPageLimit: 200,
	openInterestDays: () => 365,
	openInterestPeriod: (timeframe) => timeframe,
	fetchOpenInterestPage: ccxtOpenInterestPage(200),
	stream: {
		notes: [],
		options: {},
		...ccxtWatches,
		watchFunding: (exchange) => exchange.watchTicker(PERP),
		streamsOpenInterest: true,
		parse
	}
};
