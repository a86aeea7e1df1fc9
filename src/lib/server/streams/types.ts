/**
 * What the server's exchange streams emit (and `/api/stream` forwards as Server-Sent Events), and the clock they run
 * on. Units: ms UTC times, USDT prices and notional, BTC amounts, funding rates as fractions per 8 h.
 */
import type { Candle, Side, Timeframe } from '../../core/types.ts';
import type { ExchangeId } from '../exchange-client.ts';

/** A candle update: `closed` false while the candle is forming, true once (its final values) when it closes. */
export interface CandleEvent {
	exchange: ExchangeId;
	timeframe: Timeframe;
	candle: Candle;
	closed: boolean;
	/** True when the candle was fetched over REST to fill a gap after a reconnection. */
	filled: boolean;
}

/** One liquidation print. `side` is the side liquidated (a long's forced sell is `long`). */
export interface LiquidationPrint {
	time: number;
	exchange: ExchangeId;
	side: Side;
	price: number;
	/** BTC. */
	amount: number;
	/** USDT: price × amount. */
	notional: number;
}

export interface OpenInterestEvent {
	time: number;
	exchange: ExchangeId;
	/** USDT notional. */
	value: number;
	filled: boolean;
}

export interface FundingEvent {
	time: number;
	exchange: ExchangeId;
	/** Per funding interval (8 h on all three exchanges), as a fraction: 0.0001 = 0.01 %. */
	rate: number;
	/** Next settlement (ms UTC), null when the exchange did not say. */
	nextFundingTime: number | null;
	filled: boolean;
}

/** A span without websocket data (ms UTC): prints of that span were never seen and cannot be fetched later. */
export interface Outage {
	exchange: ExchangeId;
	from: number;
	to: number | null;
}

export type StreamState = 'connecting' | 'connected' | 'reconnecting' | 'polling' | 'stopped';

export interface StreamStatus {
	exchange: ExchangeId;
	name: string;
	state: StreamState;
	/** Why the state is not `connected` (the last failure), in plain words; null when connected. */
	reason: string | null;
	/** Outages since the stream started, oldest first; the last one is open (`to` null) while reconnecting. */
	outages: Outage[];
	/** Messages dropped since the stream started, by cause. */
	dropped: { malformed: number; duplicate: number; outOfOrder: number };
	/** Standing caveats of this exchange's data (e.g. Binance's one print per second). */
	notes: string[];
}

export type StreamEvent =
	| { type: 'candle'; data: CandleEvent }
	| { type: 'liquidation'; data: LiquidationPrint }
	| { type: 'openInterest'; data: OpenInterestEvent }
	| { type: 'funding'; data: FundingEvent }
	| { type: 'status'; data: StreamStatus };

/** Time and timers of the streams: the system clock in production, a manual one in tests. */
export interface Clock {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => {
		const handle = setTimeout(callback, ms);
		handle.unref?.();
		return handle;
	},
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};
