/**
 * Binance USDⓈ-M futures wire format (recorded shapes of `GET /fapi/v1/exchangeInfo`, `GET /fapi/v1/klines`,
 * `GET /futures/data/openInterestHist`), serving the synthetic market. Klines: ascending, open time in
 * [startTime, endTime], at most `limit`; without startTime the latest `limit` up to now. Open interest: ascending,
 * [startTime, endTime], at most `limit` (`sumOpenInterestValue` in USDT).
 */
import { candleAt, candleTimes, openInterestAt } from './synthetic-market.ts';
import type { WireRoute } from './exchange-server.ts';

const INTERVAL_MS: Record<string, number> = { '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '4h': 14_400_000, '1d': 86_400_000 };
const OFFSET = 0;

const exchangeInfo: WireRoute = (_query, _shape, now) => ({
	timezone: 'UTC',
	serverTime: now,
	futuresType: 'U_MARGINED',
	rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 }],
	exchangeFilters: [],
	assets: [{ asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' }],
	symbols: [
		{
			symbol: 'BTCUSDT',
			pair: 'BTCUSDT',
			contractType: 'PERPETUAL',
			deliveryDate: 4133404800000,
			onboardDate: 1569398400000,
			status: 'TRADING',
			maintMarginPercent: '2.5000',
			requiredMarginPercent: '5.0000',
			baseAsset: 'BTC',
			quoteAsset: 'USDT',
			marginAsset: 'USDT',
			pricePrecision: 2,
			quantityPrecision: 3,
			baseAssetPrecision: 8,
			quotePrecision: 8,
			underlyingType: 'COIN',
			underlyingSubType: ['PoW'],
			triggerProtect: '0.0500',
			liquidationFee: '0.012500',
			marketTakeBound: '0.05',
			maxMoveOrderLimit: 10000,
			filters: [
				{ filterType: 'PRICE_FILTER', minPrice: '261.10', maxPrice: '809484', tickSize: '0.10' },
				{ filterType: 'LOT_SIZE', stepSize: '0.001', maxQty: '1000', minQty: '0.001' },
				{ filterType: 'MARKET_LOT_SIZE', stepSize: '0.001', maxQty: '120', minQty: '0.001' },
				{ filterType: 'MAX_NUM_ORDERS', limit: 200 },
				{ filterType: 'MIN_NOTIONAL', notional: '100' },
				{ filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' }
			],
			orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
			timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD']
		}
	]
});

const klines: WireRoute = (query, shape, now) => {
	const candleMs = INTERVAL_MS[query.get('interval') ?? ''];
	if (!candleMs || query.get('symbol') !== 'BTCUSDT') return { code: -1121, msg: 'Invalid symbol.' };
	const limit = Math.min(Number(query.get('limit') ?? 500), 1500);
	const start = query.get('startTime');
	const end = Number(query.get('endTime') ?? now);
	let times = start === null ? candleTimes(end - limit * candleMs, end, candleMs, now).slice(-limit) : candleTimes(Number(start), end, candleMs, now).slice(0, limit);
	times = shape(times);
	return times.map((time) => {
		const c = candleAt(time, candleMs, OFFSET, now);
		const quote = (c.volume * (c.open + c.close)) / 2;
		return [time, c.open.toFixed(1), c.high.toFixed(1), c.low.toFixed(1), c.close.toFixed(1), c.volume.toFixed(3), time + candleMs - 1, quote.toFixed(4), 1000, (c.volume / 2).toFixed(3), (quote / 2).toFixed(4), '0'];
	});
};

const openInterestHist: WireRoute = (query, shape, now) => {
	const periodMs = INTERVAL_MS[query.get('period') ?? ''];
	if (!periodMs) return { code: -1130, msg: 'Invalid period.' };
	const limit = Math.min(Number(query.get('limit') ?? 30), 500);
	const end = Number(query.get('endTime') ?? now);
	const start = Number(query.get('startTime') ?? end - limit * periodMs);
	return shape(candleTimes(start, end, periodMs, now - periodMs).slice(0, limit)).map((time) => {
		const oi = openInterestAt(time, OFFSET);
		return { symbol: 'BTCUSDT', sumOpenInterest: oi.amount.toFixed(3), sumOpenInterestValue: oi.notional.toFixed(8), CMCCirculatingSupply: '19800000', timestamp: time };
	});
};

export const binanceRoutes: Record<string, WireRoute> = {
	'/fapi/v1/exchangeInfo': exchangeInfo,
	'/fapi/v1/klines': klines,
	'/futures/data/openInterestHist': openInterestHist
};
