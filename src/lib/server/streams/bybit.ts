/**
 * Bybit v5 stream connector (BTCUSDT linear perpetual), websocket `wss://stream.bybit.com/v5/public/linear`:
 * - candles: `kline.<5|15|60|240|D>.BTCUSDT` (ccxt `watchOHLCV`): `start` open time, prices USDT, `volume` BTC,
 *   `confirm` true on the closing update;
 * - liquidations: `allLiquidation.BTCUSDT` (ccxt `watchLiquidations`): `S` is the POSITION side (Buy = a long was
 *   liquidated), `v` BTC, `p` price, `T` time; every liquidation is sent (not one per second);
 * - funding and open interest: `tickers.BTCUSDT` (ccxt `watchTicker`): `fundingRate` per 8 h, `nextFundingTime`,
 *   `openInterestValue` USDT (deltas carry only changed fields).
 */
import type { Timeframe } from '../../core/types.ts';
import { checkedCandle, checkedPrint, num, PERP, type Parsed, type ParsedEvent, type StreamConnector } from './connector.ts';

const TIMEFRAMES: Record<string, Timeframe> = { '5': '5m', '15': '15m', '60': '1h', '240': '4h', D: '1d' };

type Message = Record<string, unknown>;

export const bybitConnector: StreamConnector = {
	id: 'bybit',
	notes: [],
	options: {},
	watchCandles: (exchange, timeframe) => exchange.watchOHLCV(PERP, timeframe),
	watchLiquidations: (exchange) => exchange.watchLiquidations(PERP),
	watchFunding: (exchange) => exchange.watchTicker(PERP),
	streamsOpenInterest: true,
	parse(message): Parsed {
		if (typeof message !== 'object' || message === null || Array.isArray(message)) return 'malformed';
		const m = message as Message;
		if ('op' in m || 'success' in m) return 'ignored';
		const topic = typeof m.topic === 'string' ? m.topic : '';
		const [channel, interval] = topic.split('.');
		if (channel === 'kline') {
			const timeframe = TIMEFRAMES[interval];
			if (!timeframe || !Array.isArray(m.data) || m.data.length === 0) return 'malformed';
			const events: ParsedEvent[] = [];
			for (const d of m.data as Message[]) {
				const candle = checkedCandle(d.start, d.open, d.high, d.low, d.close, d.volume);
				if (!candle || typeof d.confirm !== 'boolean') return 'malformed';
				events.push({ type: 'candle', timeframe, candle, closed: d.confirm });
			}
			return events;
		}
		if (channel === 'allLiquidation' || channel === 'liquidation') {
			const rows = (Array.isArray(m.data) ? m.data : [m.data]) as Message[];
			const events: ParsedEvent[] = [];
			for (const d of rows) {
				const side = d?.S === 'Buy' ? 'long' : d?.S === 'Sell' ? 'short' : null;
				const print = checkedPrint(d?.T, side, d?.p, d?.v);
				if (!print) return 'malformed';
				events.push(print);
			}
			return events.length ? events : 'malformed';
		}
		if (channel === 'tickers') {
			const d = (m.data ?? {}) as Message;
			const time = num(m.ts);
			if (!Number.isFinite(time)) return 'malformed';
			const events: ParsedEvent[] = [];
			const rate = num(d.fundingRate);
			const next = num(d.nextFundingTime);
			if (Number.isFinite(rate)) events.push({ type: 'funding', time, rate, nextFundingTime: Number.isFinite(next) && next > 0 ? next : null });
			const value = num(d.openInterestValue);
			if (Number.isFinite(value) && value > 0) events.push({ type: 'openInterest', time, value });
			return events.length ? events : 'ignored';
		}
		return 'ignored';
	}
};
