/**
 * OKX v5 wire format, REST and websocket, serving a `WireMarket`.
 * REST (recorded shapes): `GET /api/v5/public/instruments`, `/api/v5/market/candles` and `/history-candles` (newest
 * first, ts strictly between `before` and `after`, the NEWEST `limit`, `confirm` "0" on the forming candle),
 * `/api/v5/rubik/stat/contracts/open-interest-volume` (`[ts, oi USD, vol USD]`, newest first),
 * `/api/v5/public/open-interest` (`oi` contracts of 0.01 BTC, `oiCcy` BTC, `oiUsd`), `/api/v5/public/funding-rate`
 * and `/api/v5/public/funding-rate-history` (newest first).
 * Websocket (`wss://ws.okx.com:8443/ws/v5/public`, candles on `/ws/v5/business`): `{"op":"subscribe","args":[{…}]}`
 * answered `{"event":"subscribe","arg":{…}}`, text `ping` answered `pong`; channels `candle<bar>` (last field
 * `confirm` "1" on the closing update), `liquidation-orders` for instType SWAP (`details[].side` is the ORDER side:
 * sell liquidates a long; `sz` in contracts of 0.01 BTC; `bkPx` bankruptcy price) and `funding-rate`.
 */
import type { LoopbackExchange, SocketProtocol, WireRoute } from '../exchange-server.ts';
import { FUNDING_INTERVAL_MS, type DemoMarket, type WireMarket } from '../demo-market.ts';
import { candleTimes, candleUpdates, lastPrice, subscribedTopics, type ExchangeWire } from './common.ts';

const BAR_MS: Record<string, number> = { '5m': 300_000, '15m': 900_000, '1H': 3_600_000, '4H': 14_400_000, '1Dutc': 86_400_000, '1D': 86_400_000 };
/** BTC per contract of BTC-USDT-SWAP (`ctVal`). */
const CONTRACT_BTC = 0.01;
const INST_ID = 'BTC-USDT-SWAP';

const instruments = (query: URLSearchParams) => ({
	code: '0',
	msg: '',
	data:
		query.get('instType') !== 'SWAP'
			? []
			: [
					{
						alias: '',
						baseCcy: '',
						category: '1',
						ctMult: '1',
						ctType: 'linear',
						ctVal: '0.01',
						ctValCcy: 'BTC',
						expTime: '',
						instFamily: 'BTC-USDT',
						instId: 'BTC-USDT-SWAP',
						instType: 'SWAP',
						lever: '100',
						listTime: '1611916828000',
						lotSz: '0.01',
						maxIcebergSz: '100000000.0000000000000000',
						maxLmtSz: '100000000',
						maxMktSz: '12000',
						minSz: '0.01',
						optType: '',
						quoteCcy: '',
						settleCcy: 'USDT',
						state: 'live',
						stk: '',
						tickSz: '0.1',
						uly: 'BTC-USDT',
						ruleType: 'normal'
					}
				]
});

function candleRow(c: { time: number; open: number; high: number; low: number; close: number; volume: number }, confirm: boolean): string[] {
	const contracts = Math.round(c.volume / CONTRACT_BTC);
	return [String(c.time), c.open.toFixed(1), c.high.toFixed(1), c.low.toFixed(1), c.close.toFixed(1), String(contracts), c.volume.toFixed(2), ((c.volume * (c.open + c.close)) / 2).toFixed(1), confirm ? '1' : '0'];
}

function fundingOf(market: WireMarket, now: number) {
	const funding = market.funding(now);
	const rate = funding.rate.toFixed(8);
	return { instId: INST_ID, instType: 'SWAP', fundingRate: rate, fundingTime: String(funding.nextFundingTime), nextFundingRate: '', nextFundingTime: String(funding.nextFundingTime + FUNDING_INTERVAL_MS), method: 'current_period', maxFundingRate: '0.0075', minFundingRate: '-0.0075', premium: '0', settFundingRate: rate, settState: 'settled', ts: String(now) };
}

function okxRestRoutes(market: WireMarket): Record<string, WireRoute> {
	const candles = (maxLimit: number): WireRoute => (query, shape) => {
		const candleMs = BAR_MS[query.get('bar') ?? ''];
		if (!candleMs || query.get('instId') !== INST_ID) return { code: '51000', msg: 'Parameter bar error', data: [] };
		const now = market.now();
		const limit = Math.min(Number(query.get('limit') ?? 100), maxLimit);
		const after = Number(query.get('after') ?? now + 1);
		const before = Number(query.get('before') ?? 0);
		const times = candleTimes(before + 1, after - 1, candleMs, now).slice(-limit).reverse();
		const data = shape(times).flatMap((time) => {
			const c = market.candle(time, candleMs, now);
			return c ? [candleRow(c, time + candleMs <= now)] : [];
		});
		return { code: '0', msg: '', data };
	};
	const openInterestVolume: WireRoute = (query, shape) => {
		const periodMs = BAR_MS[query.get('period') ?? ''];
		if (!periodMs || query.get('ccy') !== 'BTC') return { code: '51000', msg: 'Parameter period error', data: [] };
		const now = market.now();
		const end = Number(query.get('end') ?? now);
		const begin = Number(query.get('begin') ?? end - 100 * periodMs);
		const data = shape(candleTimes(begin, end, periodMs, now - periodMs).reverse()).flatMap((time) => {
			const oi = market.openInterest(time);
			return oi ? [[String(time), oi.notional.toFixed(2), String(Math.round(oi.notional / 40))]] : [];
		});
		return { code: '0', msg: '', data };
	};
	const openInterest: WireRoute = () => {
		const now = market.now();
		const oi = market.openInterest(now) ?? { amount: 0, notional: 0 };
		return { code: '0', msg: '', data: [{ instId: INST_ID, instType: 'SWAP', oi: String(Math.round(oi.amount / CONTRACT_BTC)), oiCcy: oi.amount.toFixed(2), oiUsd: oi.notional.toFixed(2), ts: String(now) }] };
	};
	const fundingHistory: WireRoute = (query) => {
		const now = market.now();
		const limit = Math.min(Number(query.get('limit') ?? 100), 100);
		const after = Number(query.get('after') ?? now + 1);
		const before = Number(query.get('before') ?? 0);
		const data = candleTimes(before + 1, after - 1, FUNDING_INTERVAL_MS, now)
			.slice(-limit)
			.reverse()
			.map((time) => {
				const rate = market.funding(time - 1).rate.toFixed(8);
				return { instId: INST_ID, instType: 'SWAP', fundingRate: rate, realizedRate: rate, fundingTime: String(time), method: 'current_period' };
			});
		return { code: '0', msg: '', data };
	};
	return {
		'/api/v5/public/instruments': (query) => instruments(query),
		'/api/v5/market/candles': candles(300),
		'/api/v5/market/history-candles': candles(100),
		'/api/v5/rubik/stat/contracts/open-interest-volume': openInterestVolume,
		'/api/v5/public/open-interest': openInterest,
		'/api/v5/public/funding-rate': () => ({ code: '0', msg: '', data: [fundingOf(market, market.now())] }),
		'/api/v5/public/funding-rate-history': fundingHistory
	};
}

/** A subscription argument as a topic: `channel:instId` (or `channel:instType`). */
const topicOf = (arg: { channel?: unknown; instId?: unknown; instType?: unknown }) => `${String(arg.channel)}:${String(arg.instId ?? arg.instType)}`;

const protocol: SocketProtocol = {
	message(socket, text) {
		if (text === 'ping') return socket.send('pong');
		let request: { op?: string; args?: unknown };
		try {
			request = JSON.parse(text);
		} catch {
			return socket.send({ event: 'error', code: '60012', msg: `Invalid request: ${text.slice(0, 40)}` });
		}
		const args = Array.isArray(request.args) ? request.args.filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null) : [];
		for (const arg of args) {
			if (request.op === 'subscribe') socket.topics.add(topicOf(arg));
			if (request.op === 'unsubscribe') socket.topics.delete(topicOf(arg));
			socket.send({ event: request.op, arg, connId: 'demo' });
		}
	}
};

function publish(server: LoopbackExchange, market: DemoMarket, from: number, to: number): void {
	for (const topic of subscribedTopics(server)) {
		const [channel, target] = topic.split(':');
		const bar = channel.startsWith('candle') ? channel.slice('candle'.length) : null;
		if (bar !== null && BAR_MS[bar] && target === INST_ID) {
			for (const { candle, closed } of candleUpdates(market, BAR_MS[bar], from, to))
				server.publish(topic, { arg: { channel, instId: INST_ID }, data: [candleRow(candle, closed)] });
		} else if (channel === 'liquidation-orders' && target === 'SWAP') {
			for (const print of market.printsBetween(from, to)) {
				const details = [{ bkLoss: '0', bkPx: print.price.toFixed(1), ccy: '', posSide: print.side, side: print.side === 'long' ? 'sell' : 'buy', sz: String(Math.max(1, Math.round(print.amount / CONTRACT_BTC))), ts: String(print.time) }];
				server.publish(topic, { arg: { channel, instType: 'SWAP' }, data: [{ details, instFamily: 'BTC-USDT', instId: INST_ID, instType: 'SWAP', uly: 'BTC-USDT' }] });
			}
		} else if (channel === 'funding-rate' && target === INST_ID) {
			server.publish(topic, { arg: { channel, instId: INST_ID }, data: [fundingOf(market, to)] });
		}
	}
}

export const okxWire: ExchangeWire = { routes: okxRestRoutes, protocol, publish };
