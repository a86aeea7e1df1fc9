/**
 * OKX v5, BTC-USDT-SWAP, through ccxt's `okx` (REST) and `ccxt.pro.okx` (websocket
 * `wss://ws.okx.com:8443/ws/v5/public`, candles on `/business`).
 *
 * REST:
 * - candles: `GET /api/v5/market/candles` (the last 1,440 candles) or `/api/v5/market/history-candles` (older), with
 *   `instId=BTC-USDT-SWAP&bar=…&before=…&after=…&limit=100`; rows `["ts", "o", "h", "l", "c", "vol (contracts)",
 *   "volCcy (BTC)", "volCcyQuote", "confirm"]`, newest first (ccxt reads `volCcy`, i.e. BTC, for swaps). Pages hold 100
 *   candles: history-candles returns at most 100 (the newest of the window), so a larger page would leave holes;
 * - open interest: ccxt's `fetchOpenInterestHistory` → `GET /api/v5/rubik/stat/contracts/open-interest-volume?ccy=BTC&
 *   period=5m|1H|1D&begin=…&end=…`, rows `["ts", "oi (USD)", "vol (USD)"]`. This is OKX's total over its BTC futures
 *   and swaps, not the USDT swap alone, and only 5m/1H/1D periods exist (15m charts use 5m samples, 4h use 1H).
 * Markets: `GET /api/v5/public/instruments?instType=SWAP` once.
 *
 * Rate limits (OKX API v5, per endpoint and IP): `market/candles` 40 requests per 2 s, `market/history-candles` 20 per
 * 2 s, `public/instruments` 20 per 2 s, `rubik/stat/contracts/open-interest-volume` 5 per 2 s, `public/funding-rate(-history)` 10 per 2 s. One budget of 40
 * units per 2 s with costs 2 (candles, either endpoint; instruments), 4 (funding) and 8 (open interest) keeps every
 * endpoint under its own limit.
 *
 * Stream:
 * - candles: `candle<5m|15m|1H|4H|1Dutc>` (ccxt `watchOHLCV`): rows `[ts, o, h, l, c, vol (contracts), volCcy (BTC),
 *   volCcyQuote, confirm]`, `confirm` "1" on the closing update;
 * - liquidations: `liquidation-orders` for all SWAP instruments (ccxt `watchLiquidations`), kept for BTC-USDT-SWAP:
 *   `details[].side` is the liquidation ORDER's side (sell = a long was liquidated), `sz` in contracts of 0.01 BTC,
 *   `bkPx` the bankruptcy price, `ts` time;
 * - funding: `funding-rate` (ccxt `watchFundingRate`): `fundingRate` per 8 h for the period ending `fundingTime`;
 * - open interest: no stream through ccxt; polled over REST (`GET /api/v5/public/open-interest`, `oiUsd`).
 */
import type { Timeframe } from '../../core/types.ts';
import { ccxtWatches, checkedCandle, checkedFunding, checkedPrint, num, type Parsed, type ParsedEvent } from '../streams/connector.ts';
import { ccxtCandlePage, ccxtOpenInterestPage, PERP, type ExchangeAdapter } from './types.ts';

const OI_PERIOD: Record<Timeframe, Timeframe> = { '5m': '5m', '15m': '5m', '1h': '1h', '4h': '1h', '1d': '1d' };
/** OKX keeps 5m samples for about 2 days, 1H for 30 days, 1D for 180 days. */
const OI_DAYS: Record<Timeframe, number> = { '5m': 2, '15m': 2, '1h': 30, '4h': 30, '1d': 180 };

const TIMEFRAMES: Record<string, Timeframe> = { '5m': '5m', '15m': '15m', '1H': '1h', '4H': '4h', '1Dutc': '1d', '1D': '1d' };
const INST_ID = 'BTC-USDT-SWAP';
/** BTC per contract of BTC-USDT-SWAP (`ctVal`). */
const CONTRACT_BTC = 0.01;

type Message = Record<string, unknown>;

/** One websocket message of OKX (`{ arg: { channel, instId }, data: [...] }`) read into events. */
function parse(message: unknown): Parsed {
	if (message === 'pong') return 'ignored';
	if (typeof message !== 'object' || message === null || Array.isArray(message)) return 'malformed';
	const m = message as Message;
	if ('event' in m) return 'ignored';
	const arg = (m.arg ?? {}) as Message;
	const channel = typeof arg.channel === 'string' ? arg.channel : '';
	if (!Array.isArray(m.data)) return 'malformed';
	const data = m.data as unknown[];
	const events: ParsedEvent[] = [];
	if (channel.startsWith('candle')) {
		const timeframe = TIMEFRAMES[channel.slice('candle'.length)];
		if (!timeframe || arg.instId !== INST_ID) return 'ignored';
		for (const row of data) {
			if (!Array.isArray(row)) return 'malformed';
			const candle = checkedCandle(row[0], row[1], row[2], row[3], row[4], row[6]);
			if (!candle || (row[8] !== '0' && row[8] !== '1')) return 'malformed';
			events.push({ type: 'candle', timeframe, candle, closed: row[8] === '1' });
		}
		return events.length ? events : 'malformed';
	}
	if (channel === 'liquidation-orders') {
		for (const entry of data as Message[]) {
			if (entry?.instId !== INST_ID) continue;
			if (!Array.isArray(entry.details)) return 'malformed';
			for (const d of entry.details as Message[]) {
				const side = d?.side === 'sell' ? 'long' : d?.side === 'buy' ? 'short' : null;
				const print = checkedPrint(d?.ts, side, d?.bkPx, num(d?.sz) * CONTRACT_BTC);
				if (!print) return 'malformed';
				events.push(print);
			}
		}
		return events.length ? events : 'ignored';
	}
	if (channel === 'funding-rate') {
		for (const d of data as Message[]) {
			const funding = checkedFunding(d?.ts, d?.fundingRate, d?.fundingTime);
			if (!funding) return 'malformed';
			events.push(funding);
		}
		return events.length ? events : 'malformed';
	}
	return 'ignored';
}

export const okxAdapter: ExchangeAdapter = {
	id: 'okx',
	name: 'OKX',
	ccxtClass: 'okx',
	ccxtOptions: { fetchMarkets: { types: ['swap'] } },
	rateLimit: { units: 40, windowMs: 2_000, cost: { markets: 2, candles: 2, openInterest: 8, funding: 4 } },
	candlePageLimit: 100,
	fetchCandlePage: ccxtCandlePage(100),
	openInterestPageLimit: 100,
	openInterestDays: (timeframe) => OI_DAYS[timeframe],
	openInterestPeriod: (timeframe) => OI_PERIOD[timeframe],
	fetchOpenInterestPage: ccxtOpenInterestPage(100),
	stream: {
		notes: ['OKX liquidation prints are bankruptcy prices (bkPx), not the fill prices'],
		options: {},
		...ccxtWatches,
		watchFunding: (exchange) => exchange.watchFundingRate(PERP),
		streamsOpenInterest: false,
		parse
	}
};
