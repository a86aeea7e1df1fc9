/**
 * Bybit v5 wire format, REST and websocket, serving a `WireMarket`.
 * REST (recorded shapes): `GET /v5/market/instruments-info`, `/v5/market/kline` and `/v5/market/open-interest` (lists
 * newest first holding the NEWEST `limit` entries of [start, end]; `openInterest` in BTC), `/v5/market/tickers`
 * (current funding rate, next funding time, open interest), `/v5/market/funding/history` (newest first).
 * Websocket (`wss://stream.bybit.com/v5/public/linear`): `{"op":"subscribe","args":[…],"req_id":…}` answered
 * `{"success":true,"op":"subscribe",…}`, `{"op":"ping"}` answered with `ret_msg` "pong"; topics `kline.<5|15|60|240|D>.BTCUSDT`
 * (`confirm` true on the closing update), `allLiquidation.BTCUSDT` (`S` is the POSITION side: Buy = a long was
 * liquidated; `v` BTC, `p` price) and `tickers.BTCUSDT` (`fundingRate`, `nextFundingTime`, `openInterest` BTC,
 * `openInterestValue` USDT).
 */
import type { LoopbackExchange, SocketProtocol, WireRoute } from '../exchange-server.ts';
import { FUNDING_INTERVAL_MS, type DemoMarket, type WireMarket } from '../demo-market.ts';
import { candleTimes, candleUpdates, lastPrice, subscribedTopics, type ExchangeWire } from './common.ts';

const INTERVAL_MS: Record<string, number> = { '5': 300_000, '15': 900_000, '60': 3_600_000, '240': 14_400_000, D: 86_400_000 };
const OI_INTERVAL_MS: Record<string, number> = { '5min': 300_000, '15min': 900_000, '1h': 3_600_000, '4h': 14_400_000, '1d': 86_400_000 };

const instrumentsInfo = (query: URLSearchParams, envelope: (result: unknown) => unknown) => {
	if (query.get('status') === 'PreLaunch') return envelope({ category: 'linear', list: [], nextPageCursor: '' });
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
	});
};

function tickerOf(market: WireMarket, now: number) {
	const price = lastPrice(market, now).toFixed(2);
	const funding = market.funding(now);
	const oi = market.openInterest(now) ?? { amount: 0, notional: 0 };
	return {
		symbol: 'BTCUSDT',
		lastPrice: price,
		markPrice: price,
		indexPrice: price,
		fundingRate: funding.rate.toFixed(8),
		nextFundingTime: String(funding.nextFundingTime),
		openInterest: oi.amount.toFixed(3),
		openInterestValue: oi.notional.toFixed(2)
	};
}

function bybitRestRoutes(market: WireMarket): Record<string, WireRoute> {
	const envelope = (result: unknown) => ({ retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: market.now() });
	const refused = () => ({ retCode: 10001, retMsg: 'params error', result: {}, retExtInfo: {}, time: market.now() });
	const kline: WireRoute = (query, shape) => {
		const candleMs = INTERVAL_MS[query.get('interval') ?? ''];
		if (!candleMs || query.get('symbol') !== 'BTCUSDT') return refused();
		const now = market.now();
		const limit = Math.min(Number(query.get('limit') ?? 200), 1000);
		const end = Number(query.get('end') ?? now);
		const start = Number(query.get('start') ?? end - limit * candleMs);
		const times = candleTimes(start, end, candleMs, now).slice(-limit).reverse();
		const list = shape(times).flatMap((time) => {
			const c = market.candle(time, candleMs, now);
			return c ? [[String(time), c.open.toFixed(1), c.high.toFixed(1), c.low.toFixed(1), c.close.toFixed(1), c.volume.toFixed(3), ((c.volume * (c.open + c.close)) / 2).toFixed(4)]] : [];
		});
		return envelope({ symbol: 'BTCUSDT', category: 'linear', list });
	};
	const openInterest: WireRoute = (query, shape) => {
		const periodMs = OI_INTERVAL_MS[query.get('intervalTime') ?? ''];
		if (!periodMs) return refused();
		const now = market.now();
		const limit = Math.min(Number(query.get('limit') ?? 50), 200);
		const end = Number(query.get('endTime') ?? now);
		const start = Number(query.get('startTime') ?? end - limit * periodMs);
		const times = candleTimes(start, end, periodMs, now - periodMs).slice(-limit).reverse();
		const list = shape(times).flatMap((time) => {
			const oi = market.openInterest(time);
			return oi ? [{ openInterest: oi.amount.toFixed(8), timestamp: String(time) }] : [];
		});
		return envelope({ symbol: 'BTCUSDT', category: 'linear', list, nextPageCursor: '' });
	};
	const fundingHistory: WireRoute = (query) => {
		const now = market.now();
		const limit = Math.min(Number(query.get('limit') ?? 200), 200);
		const end = Number(query.get('endTime') ?? now);
		const start = Number(query.get('startTime') ?? end - limit * FUNDING_INTERVAL_MS);
		const list = candleTimes(start, end, FUNDING_INTERVAL_MS, now)
			.slice(-limit)
			.reverse()
			.map((time) => ({ symbol: 'BTCUSDT', fundingRate: market.funding(time - 1).rate.toFixed(8), fundingRateTimestamp: String(time) }));
		return envelope({ category: 'linear', list });
	};
	return {
		'/v5/market/instruments-info': (query) => instrumentsInfo(query, envelope),
		'/v5/market/kline': kline,
		'/v5/market/open-interest': openInterest,
		'/v5/market/tickers': () => envelope({ category: 'linear', list: [tickerOf(market, market.now())] }),
		'/v5/market/funding/history': fundingHistory
	};
}

const protocol: SocketProtocol = {
	message(socket, text) {
		let request: { op?: string; args?: unknown; req_id?: unknown };
		try {
			request = JSON.parse(text);
		} catch {
			return socket.send({ success: false, ret_msg: 'invalid JSON', op: '' });
		}
		const args = Array.isArray(request.args) ? request.args.filter((a): a is string => typeof a === 'string') : [];
		if (request.op === 'subscribe') args.forEach((a) => socket.topics.add(a));
		if (request.op === 'unsubscribe') args.forEach((a) => socket.topics.delete(a));
		const retMsg = request.op === 'ping' ? 'pong' : '';
		socket.send({ success: true, ret_msg: retMsg, conn_id: 'demo', req_id: request.req_id, op: request.op });
	}
};

function publish(server: LoopbackExchange, market: DemoMarket, from: number, to: number): void {
	for (const topic of subscribedTopics(server)) {
		const kline = /^kline\.(\w+)\.BTCUSDT$/.exec(topic);
		if (kline && INTERVAL_MS[kline[1]]) {
			const candleMs = INTERVAL_MS[kline[1]];
			for (const { candle: c, closed } of candleUpdates(market, candleMs, from, to)) {
				const data = { start: c.time, end: c.time + candleMs - 1, interval: kline[1], open: c.open.toFixed(1), close: c.close.toFixed(1), high: c.high.toFixed(1), low: c.low.toFixed(1), volume: c.volume.toFixed(3), turnover: ((c.volume * (c.open + c.close)) / 2).toFixed(4), confirm: closed, timestamp: to };
				server.publish(topic, { topic, data: [data], ts: to, type: 'snapshot' });
			}
		} else if (topic === 'allLiquidation.BTCUSDT') {
			for (const print of market.printsBetween(from, to)) {
				const data = [{ T: print.time, s: 'BTCUSDT', S: print.side === 'long' ? 'Buy' : 'Sell', v: print.amount.toFixed(3), p: print.price.toFixed(1) }];
				server.publish(topic, { topic, type: 'snapshot', ts: print.time, data });
			}
		} else if (topic === 'tickers.BTCUSDT') {
			server.publish(topic, { topic, type: 'snapshot', data: tickerOf(market, to), cs: to, ts: to });
		}
	}
}

export const bybitWire: ExchangeWire = { routes: bybitRestRoutes, protocol, publish };
