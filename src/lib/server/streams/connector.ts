/**
 * What a stream connector is: the `stream` part of each exchange's adapter (`../adapters/<id>.ts`), which knows the
 * exchange's websocket subscriptions (made through ccxt's `ccxt.pro` classes, which keep the connection, subscribe and
 * answer pings) and reads the exchange's raw messages into events, in its units. Nothing outside the connector reads
 * an exchange's message format.
 *
 * Raw messages are read by the connector rather than taken from ccxt's unified results because a watch promise
 * resolves once per call: several prints arriving in one network read would be lost between two calls, and the
 * unified structures drop what is needed here (Binance's "kline closed" flag, OKX's contract size).
 */
import type { Exchange } from 'ccxt';
import type { Candle, Side, Timeframe } from '../../core/types.ts';
import { PERP } from '../adapters/types.ts';

export type ParsedEvent =
	| { type: 'candle'; timeframe: Timeframe; candle: Candle; closed: boolean }
	| { type: 'liquidation'; time: number; side: Side; price: number; amount: number }
	| { type: 'openInterest'; time: number; value: number }
	| { type: 'funding'; time: number; rate: number; nextFundingTime: number | null };

/** Events read from one message; `malformed` when the message is not what the exchange sends; `ignored` for
 * subscription acknowledgements, pongs and channels not asked for. */
export type Parsed = ParsedEvent[] | 'malformed' | 'ignored';

/** A ccxt websocket class instance (`ccxt.pro.<id>`): the base type already declares the watch methods used. */
export type ProExchange = Exchange;

/** An exchange's websocket capabilities: what it subscribes to, what it streams or leaves to REST polling, how it reads a
 * message. */
export interface StreamConnector {
	/** Standing caveats shown in the stream status (and the README). */
	notes: string[];
	/** ccxt options added for the websocket instance. */
	options: Record<string, unknown>;
	/** Keeps the candle subscription of a timeframe; resolves on a message, rejects when the connection fails. */
	watchCandles(exchange: ProExchange, timeframe: Timeframe): Promise<unknown>;
	watchLiquidations(exchange: ProExchange): Promise<unknown>;
	/** The funding subscription (Bybit's ticker also carries open interest). */
	watchFunding(exchange: ProExchange): Promise<unknown>;
	/** True when open interest arrives on the stream; otherwise it is polled over REST. */
	streamsOpenInterest: boolean;
	/** Reads one raw message (after ccxt's JSON decoding; a string when it was not JSON). */
	parse(message: unknown): Parsed;
}

/** A finite number from a number or numeric string; NaN otherwise. */
export function num(value: unknown): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && value.trim() !== '') return Number(value);
	return NaN;
}

/** A candle whose numbers are finite and consistent (low ≤ open, close ≤ high; positive prices), else null. */
export function checkedCandle(time: unknown, open: unknown, high: unknown, low: unknown, close: unknown, volume: unknown): Candle | null {
	const candle = { time: num(time), open: num(open), high: num(high), low: num(low), close: num(close), volume: num(volume) };
	const values = Object.values(candle);
	if (!values.every(Number.isFinite) || candle.low <= 0 || candle.volume < 0) return null;
	if (candle.high < Math.max(candle.open, candle.close) || candle.low > Math.min(candle.open, candle.close)) return null;
	return candle;
}

/** A funding update whose time and rate are finite, else null; a next funding time that is not a positive number is
 * unknown (null). */
export function checkedFunding(time: unknown, rate: unknown, nextFundingTime: unknown): ParsedEvent | null {
	const update = { type: 'funding' as const, time: num(time), rate: num(rate), nextFundingTime: num(nextFundingTime) };
	if (!Number.isFinite(update.time) || !Number.isFinite(update.rate)) return null;
	return { ...update, nextFundingTime: Number.isFinite(update.nextFundingTime) && update.nextFundingTime > 0 ? update.nextFundingTime : null };
}

/** A print whose numbers are finite and positive, else null. */
export function checkedPrint(time: unknown, side: Side | null, price: unknown, amount: unknown): ParsedEvent | null {
	const print = { type: 'liquidation' as const, time: num(time), side, price: num(price), amount: num(amount) };
	if (!side || !Number.isFinite(print.time) || !(print.price > 0) || !(print.amount > 0)) return null;
	return { ...print, side };
}

/** The candle and liquidation subscriptions through ccxt's unified watch methods (what every exchange here uses). */
export const ccxtWatches: Pick<StreamConnector, 'watchCandles' | 'watchLiquidations'> = {
	watchCandles: (exchange, timeframe) => exchange.watchOHLCV(PERP, timeframe),
	watchLiquidations: (exchange) => exchange.watchLiquidations(PERP)
};
