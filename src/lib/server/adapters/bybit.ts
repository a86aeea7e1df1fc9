/**
 * Bybit v5, BTCUSDT linear perpetual, through ccxt's `bybit`:
 * - candles: `GET /v5/market/kline?category=linear&symbol=BTCUSDT&interval=…&start=…&end=…&limit=1000`
 *   (`result.list` rows `["startTime", "open", "high", "low", "close", "volume (BTC)", "turnover"]`, newest first);
 *   `end` is always sent: with `start` alone Bybit answers with the newest candles, not those after `start`;
 * - open interest: `GET /v5/market/open-interest?category=linear&symbol=BTCUSDT&intervalTime=5min|15min|1h|4h|1d&
 *   startTime=…&endTime=…&limit=200` (`openInterest` is in BTC: the caller converts it to USDT with the candle close).
 * Markets: `GET /v5/market/instruments-info?category=linear` (twice: trading and pre-launch), linear only.
 *
 * Rate limit (Bybit v5 "Rate Limit Rules", HTTP IP limit): 600 requests in any 5-second window per IP, whatever the
 * endpoint. Each call is one request, loading the markets two.
 */
import { ccxtCandlePage, ccxtOpenInterestPage, type ExchangeAdapter } from './types.ts';

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
	fetchOpenInterestPage: ccxtOpenInterestPage(200)
};
