/**
 * OKX v5 stream connector (BTC-USDT-SWAP), websocket `wss://ws.okx.com:8443/ws/v5/public` (candles on `/business`):
 * - candles: `candle<5m|15m|1H|4H|1Dutc>` (ccxt `watchOHLCV`): rows `[ts, o, h, l, c, vol (contracts), volCcy (BTC),
 *   volCcyQuote, confirm]`, `confirm` "1" on the closing update;
 * - liquidations: `liquidation-orders` for all SWAP instruments (ccxt `watchLiquidations`), kept for BTC-USDT-SWAP:
 *   `details[].side` is the liquidation ORDER's side (sell = a long was liquidated), `sz` in contracts of 0.01 BTC,
 *   `bkPx` the bankruptcy price, `ts` time;
 * - funding: `funding-rate` (ccxt `watchFundingRate`): `fundingRate` per 8 h for the period ending `fundingTime`;
 * - open interest: no stream through ccxt; polled over REST (`GET /api/v5/public/open-interest`, `oiUsd`).
 */
import type { Timeframe } from '../../core/types.ts';
import { checkedCandle, checkedPrint, num, PERP, type Parsed, type ParsedEvent, type StreamConnector } from './connector.ts';

const TIMEFRAMES: Record<string, Timeframe> = { '5m': '5m', '15m': '15m', '1H': '1h', '4H': '4h', '1Dutc': '1d', '1D': '1d' };
const INST_ID = 'BTC-USDT-SWAP';
/** BTC per contract of BTC-USDT-SWAP (`ctVal`). */
const CONTRACT_BTC = 0.01;

type Message = Record<string, unknown>;

export const okxConnector: StreamConnector = {
	id: 'okx',
	notes: ['OKX liquidation prints are bankruptcy prices (bkPx), not the fill prices'],
	options: {},
	watchCandles: (exchange, timeframe) => exchange.watchOHLCV(PERP, timeframe),
	watchLiquidations: (exchange) => exchange.watchLiquidations(PERP),
	watchFunding: (exchange) => exchange.watchFundingRate(PERP),
	streamsOpenInterest: false,
	parse(message): Parsed {
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
				const rate = num(d?.fundingRate);
				const time = num(d?.ts);
				const next = num(d?.fundingTime);
				if (!Number.isFinite(rate) || !Number.isFinite(time)) return 'malformed';
				events.push({ type: 'funding', time, rate, nextFundingTime: Number.isFinite(next) && next > 0 ? next : null });
			}
			return events.length ? events : 'malformed';
		}
		return 'ignored';
	}
};
