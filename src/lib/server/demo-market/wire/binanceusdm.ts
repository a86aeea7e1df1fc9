/**
 * Binance USDⓈ-M futures wire format, REST and websocket, serving a `WireMarket`.
 * REST (recorded shapes): `GET /fapi/v1/exchangeInfo`, `/fapi/v1/klines` (ascending, open time in [startTime, endTime],
 * at most `limit`; without startTime the latest `limit` up to now), `/futures/data/openInterestHist` (ascending,
 * `sumOpenInterestValue` in USDT), `/fapi/v1/openInterest` (BTC), `/fapi/v1/premiumIndex` (current funding and next
 * funding time), `/fapi/v1/fundingRate` (settled funding, ascending).
 * Websocket (`wss://fstream.binance.com/market/ws`): `{"method":"SUBSCRIBE","params":[…],"id":N}` answered
 * `{"result":null,"id":N}`; streams `btcusdt@kline_<interval>` (`k.x` true on the closing update),
 * `btcusdt@forceOrder` (`o.S` is the liquidation ORDER's side: SELL liquidates a long; `q` BTC, `ap` average price) and
 * `btcusdt@markPrice@1s` (`r` funding rate, `T` next funding time). Like Binance, the demo sends at most one
 * liquidation print per symbol per second (the last of that second), so totals from this stream are a lower bound.
 */
import type { LoopbackExchange, SocketProtocol, WireRoute } from '../exchange-server.ts';
import { FUNDING_INTERVAL_MS, type DemoMarket, type WireMarket } from '../demo-market.ts';
import { candleTimes, candleUpdates, lastPrice, subscribedTopics, type ExchangeWire } from './common.ts';

const INTERVAL_MS: Record<string, number> = { '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '4h': 14_400_000, '1d': 86_400_000 };

const exchangeInfo = (now: number) => ({
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

function binanceRestRoutes(market: WireMarket): Record<string, WireRoute> {
	const klines: WireRoute = (query, shape) => {
		const candleMs = INTERVAL_MS[query.get('interval') ?? ''];
		if (!candleMs || query.get('symbol') !== 'BTCUSDT') return { code: -1121, msg: 'Invalid symbol.' };
		const now = market.now();
		const limit = Math.min(Number(query.get('limit') ?? 500), 1500);
		const start = query.get('startTime');
		const end = Number(query.get('endTime') ?? now);
		let times = start === null ? candleTimes(end - limit * candleMs, end, candleMs, now).slice(-limit) : candleTimes(Number(start), end, candleMs, now).slice(0, limit);
		times = shape(times);
		return times.flatMap((time) => {
			const c = market.candle(time, candleMs, now);
			if (!c) return [];
			const quote = (c.volume * (c.open + c.close)) / 2;
			return [[time, c.open.toFixed(1), c.high.toFixed(1), c.low.toFixed(1), c.close.toFixed(1), c.volume.toFixed(3), time + candleMs - 1, quote.toFixed(4), 1000, (c.volume / 2).toFixed(3), (quote / 2).toFixed(4), '0']];
		});
	};
	const openInterestHist: WireRoute = (query, shape) => {
		const periodMs = INTERVAL_MS[query.get('period') ?? ''];
		if (!periodMs) return { code: -1130, msg: 'Invalid period.' };
		const now = market.now();
		const limit = Math.min(Number(query.get('limit') ?? 30), 500);
		const end = Number(query.get('endTime') ?? now);
		const start = Number(query.get('startTime') ?? end - limit * periodMs);
		return shape(candleTimes(start, end, periodMs, now - periodMs).slice(0, limit)).flatMap((time) => {
			const oi = market.openInterest(time);
			return oi ? [{ symbol: 'BTCUSDT', sumOpenInterest: oi.amount.toFixed(3), sumOpenInterestValue: oi.notional.toFixed(8), CMCCirculatingSupply: '19800000', timestamp: time }] : [];
		});
	};
	const openInterest: WireRoute = () => {
		const now = market.now();
		return { symbol: 'BTCUSDT', openInterest: (market.openInterest(now)?.amount ?? 0).toFixed(3), time: now };
	};
	const premiumIndex: WireRoute = () => {
		const now = market.now();
		const price = lastPrice(market, now);
		const funding = market.funding(now);
		return {
			symbol: 'BTCUSDT',
			markPrice: price.toFixed(2),
			indexPrice: price.toFixed(2),
			estimatedSettlePrice: price.toFixed(2),
			lastFundingRate: funding.rate.toFixed(8),
			interestRate: '0.00010000',
			nextFundingTime: funding.nextFundingTime,
			time: now
		};
	};
	const fundingRate: WireRoute = (query) => {
		const now = market.now();
		const limit = Math.min(Number(query.get('limit') ?? 100), 1000);
		const end = Number(query.get('endTime') ?? now);
		const start = Number(query.get('startTime') ?? end - limit * FUNDING_INTERVAL_MS);
		return candleTimes(start, end, FUNDING_INTERVAL_MS, now)
			.slice(0, limit)
			.map((time) => ({ symbol: 'BTCUSDT', fundingTime: time, fundingRate: market.funding(time - 1).rate.toFixed(8), markPrice: lastPrice(market, time).toFixed(2) }));
	};
	return {
		'/fapi/v1/exchangeInfo': () => exchangeInfo(market.now()),
		'/fapi/v1/klines': klines,
		'/futures/data/openInterestHist': openInterestHist,
		'/fapi/v1/openInterest': openInterest,
		'/fapi/v1/premiumIndex': premiumIndex,
		'/fapi/v1/fundingRate': fundingRate
	};
}

const protocol: SocketProtocol = {
	message(socket, text) {
		let request: { method?: string; params?: unknown; id?: unknown };
		try {
			request = JSON.parse(text);
		} catch {
			return socket.send({ error: { code: 3, msg: 'Invalid JSON' } });
		}
		const params = Array.isArray(request.params) ? request.params.filter((p): p is string => typeof p === 'string') : [];
		if (request.method === 'SUBSCRIBE') params.forEach((p) => socket.topics.add(p));
		else if (request.method === 'UNSUBSCRIBE') params.forEach((p) => socket.topics.delete(p));
		socket.send({ result: null, id: request.id });
	}
};

function publish(server: LoopbackExchange, market: DemoMarket, from: number, to: number): void {
	for (const topic of subscribedTopics(server)) {
		const kline = /^btcusdt@kline_(\w+)$/.exec(topic);
		if (kline && INTERVAL_MS[kline[1]]) {
			const candleMs = INTERVAL_MS[kline[1]];
			for (const { candle: c, closed } of candleUpdates(market, candleMs, from, to)) {
				const k = { t: c.time, T: c.time + candleMs - 1, s: 'BTCUSDT', i: kline[1], f: 0, L: 0, o: c.open.toFixed(1), c: c.close.toFixed(1), h: c.high.toFixed(1), l: c.low.toFixed(1), v: c.volume.toFixed(3), n: 0, x: closed, q: '0', V: '0', Q: '0', B: '0' };
				server.publish(topic, { e: 'kline', E: to, s: 'BTCUSDT', k });
			}
		} else if (topic === 'btcusdt@forceOrder') {
			// One print per second at most (the last of each second), as Binance sends.
			const bySecond = new Map<number, ReturnType<DemoMarket['printsBetween']>[number]>();
			for (const print of market.printsBetween(from, to)) bySecond.set(Math.floor(print.time / 1000), print);
			for (const print of bySecond.values()) {
				const o = { s: 'BTCUSDT', S: print.side === 'long' ? 'SELL' : 'BUY', o: 'LIMIT', f: 'IOC', q: print.amount.toFixed(3), p: print.price.toFixed(2), ap: print.price.toFixed(2), X: 'FILLED', l: print.amount.toFixed(3), z: print.amount.toFixed(3), T: print.time };
				server.publish(topic, { e: 'forceOrder', E: print.time, o });
			}
		} else if (topic.startsWith('btcusdt@markPrice')) {
			const funding = market.funding(to);
			const price = lastPrice(market, to);
			server.publish(topic, { e: 'markPriceUpdate', E: to, s: 'BTCUSDT', p: price.toFixed(2), i: price.toFixed(2), P: price.toFixed(2), r: funding.rate.toFixed(8), T: funding.nextFundingTime });
		}
	}
}

export const binanceusdmWire: ExchangeWire = { routes: binanceRestRoutes, protocol, publish };
