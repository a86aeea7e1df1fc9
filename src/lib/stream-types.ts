/**
 * The events of `/api/stream` (Server-Sent Events), shared by the server (`src/lib/server/streams/`) and the browser
 * (`src/lib/state/live-stream.svelte.ts`), so the two cannot drift apart. Each SSE event's name is the `type` below
 * and its data the JSON of `data`. Units: ms UTC times, USDT prices and notional, BTC amounts, funding rates as
 * fractions per 8 h.
 */
import type { Source } from './core/analysis/params.ts';
import type { Candle, Side, Timeframe } from './core/types.ts';

/** An exchange with a stream (ccxt id). */
export type StreamExchange = Exclude<Source, 'sample' | 'all'>;

/** A candle update: `closed` false while the candle is forming, true once (its final values) when it closes. */
export interface CandleEvent {
	exchange: StreamExchange;
	timeframe: Timeframe;
	candle: Candle;
	closed: boolean;
	/** True when the candle was fetched over REST to fill a gap after a reconnection. */
	filled: boolean;
}

/** One liquidation print. `side` is the side liquidated (a long's forced sell is `long`). */
export interface LiquidationPrint {
	time: number;
	exchange: StreamExchange;
	side: Side;
	price: number;
	/** BTC. */
	amount: number;
	/** USDT: price × amount. */
	notional: number;
}

export interface OpenInterestEvent {
	time: number;
	exchange: StreamExchange;
	/** USDT notional. */
	value: number;
	filled: boolean;
}

export interface FundingEvent {
	time: number;
	exchange: StreamExchange;
	/** Per funding interval (8 h on all three exchanges), as a fraction: 0.0001 = 0.01 %. */
	rate: number;
	/** Next settlement (ms UTC), null when the exchange did not say. */
	nextFundingTime: number | null;
	filled: boolean;
}

/** A span without websocket data (ms UTC): prints of that span were never seen and cannot be fetched later. */
export interface Outage {
	exchange: StreamExchange;
	from: number;
	to: number | null;
}

export type StreamState = 'connecting' | 'connected' | 'reconnecting' | 'polling' | 'stopped';

export interface StreamStatus {
	exchange: StreamExchange;
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
