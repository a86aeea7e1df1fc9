/**
 * OKX v5, BTC-USDT-SWAP, through ccxt's `okx`:
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
 */
import type { Timeframe } from '../../core/types.ts';
import { ccxtCandlePage, ccxtOpenInterestPage, type ExchangeAdapter } from './types.ts';

const OI_PERIOD: Record<Timeframe, Timeframe> = { '5m': '5m', '15m': '5m', '1h': '1h', '4h': '1h', '1d': '1d' };
/** OKX keeps 5m samples for about 2 days, 1H for 30 days, 1D for 180 days. */
const OI_DAYS: Record<Timeframe, number> = { '5m': 2, '15m': 2, '1h': 30, '4h': 30, '1d': 180 };

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
	fetchOpenInterestPage: ccxtOpenInterestPage(100)
};
