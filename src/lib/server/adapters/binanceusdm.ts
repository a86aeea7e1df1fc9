/**
 * Binance USDⓈ-M futures, BTCUSDT perpetual, through ccxt's `binanceusdm`:
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
 */
import { ccxtCandlePage, ccxtOpenInterestPage, type ExchangeAdapter } from './types.ts';

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
	fetchOpenInterestPage: ccxtOpenInterestPage(500)
};
