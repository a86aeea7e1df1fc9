/**
 * Bybit v5 wire format (recorded shapes of `GET /v5/market/instruments-info`, `GET /v5/market/kline`,
 * `GET /v5/market/open-interest`), serving the synthetic market. Kline and open-interest lists are newest first and
 * hold the NEWEST `limit` entries of [start, end] (which is why the adapter always sends `end`); `openInterest` is in
 * BTC for linear contracts.
 */
import { candleAt, candleTimes, openInterestAt } from './synthetic-market.ts';
import type { WireRoute } from './exchange-server.ts';

const INTERVAL_MS: Record<string, number> = { '5': 300_000, '15': 900_000, '60': 3_600_000, '240': 14_400_000, D: 86_400_000 };
const OI_INTERVAL_MS: Record<string, number> = { '5min': 300_000, '15min': 900_000, '1h': 3_600_000, '4h': 14_400_000, '1d': 86_400_000 };
const OFFSET = 12;

const envelope = (result: unknown, now: number) => ({ retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: now });

const instrumentsInfo: WireRoute = (query, _shape, now) => {
	if (query.get('status') === 'PreLaunch') return envelope({ category: 'linear', list: [], nextPageCursor: '' }, now);
	return envelope({
		category: 'linear',
		list: [
			{
				symbol: 'BTCUSDT',
				contractType: 'LinearPerpetual',
				status: 'Trading',
				baseCoin: 'BTC',
				quoteCoin: 'USDT',
				launchTime: '1584230400000',
				deliveryTime: '0',
				deliveryFeeRate: '',
				priceScale: '2',
				leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
				priceFilter: { minPrice: '0.10', maxPrice: '1999999.80', tickSize: '0.10' },
				lotSizeFilter: { maxOrderQty: '1190.000', minOrderQty: '0.001', qtyStep: '0.001', postOnlyMaxOrderQty: '1190.000', maxMktOrderQty: '500.000', minNotionalValue: '5' },
				unifiedMarginTrade: true,
				fundingInterval: 480,
				settleCoin: 'USDT',
				copyTrading: 'both',
				upperFundingRate: '0.005',
				lowerFundingRate: '-0.005',
				isPreListing: false,
				preListingInfo: null
			}
		],
		nextPageCursor: ''
	}, now);
};

const kline: WireRoute = (query, shape, now) => {
	const candleMs = INTERVAL_MS[query.get('interval') ?? ''];
	if (!candleMs || query.get('symbol') !== 'BTCUSDT') return { retCode: 10001, retMsg: 'params error', result: {}, retExtInfo: {}, time: now };
	const limit = Math.min(Number(query.get('limit') ?? 200), 1000);
	const end = Number(query.get('end') ?? now);
	const start = Number(query.get('start') ?? end - limit * candleMs);
	const times = candleTimes(start, end, candleMs, now).slice(-limit).reverse();
	const list = shape(times).map((time) => {
		const c = candleAt(time, candleMs, OFFSET, now);
		return [String(time), c.open.toFixed(1), c.high.toFixed(1), c.low.toFixed(1), c.close.toFixed(1), c.volume.toFixed(3), ((c.volume * (c.open + c.close)) / 2).toFixed(4)];
	});
	return envelope({ symbol: 'BTCUSDT', category: 'linear', list }, now);
};

const openInterest: WireRoute = (query, shape, now) => {
	const periodMs = OI_INTERVAL_MS[query.get('intervalTime') ?? ''];
	if (!periodMs) return { retCode: 10001, retMsg: 'params error', result: {}, retExtInfo: {}, time: now };
	const limit = Math.min(Number(query.get('limit') ?? 50), 200);
	const end = Number(query.get('endTime') ?? now);
	const start = Number(query.get('startTime') ?? end - limit * periodMs);
	const times = candleTimes(start, end, periodMs, now - periodMs).slice(-limit).reverse();
	const list = shape(times).map((time) => ({ openInterest: openInterestAt(time, OFFSET).amount.toFixed(8), timestamp: String(time) }));
	return envelope({ symbol: 'BTCUSDT', category: 'linear', list, nextPageCursor: '' }, now);
};

export const bybitRoutes: Record<string, WireRoute> = {
	'/v5/market/instruments-info': instrumentsInfo,
	'/v5/market/kline': kline,
	'/v5/market/open-interest': openInterest
};
