/**
 * What the three exchanges' wire formats share: the candle times of a window, and the candle updates a websocket
 * pushes when the market time moves from `from` to `to` (each candle that closed in between, once, marked closed,
 * then the forming one).
 */
import type { Candle } from '../../../core/types.ts';
import type { LoopbackExchange, SocketProtocol, WireRoute } from '../exchange-server.ts';
import type { DemoMarket, WireMarket } from '../demo-market.ts';

/** Open times of the candles of `candleMs` opening in `[from, to]` and not after `now`. */
export function candleTimes(from: number, to: number, candleMs: number, now: number): number[] {
	const times: number[] = [];
	const first = Math.ceil(from / candleMs) * candleMs;
	for (let t = first; t <= to && t <= now; t += candleMs) times.push(t);
	return times;
}

export interface CandleUpdate {
	candle: Candle;
	closed: boolean;
}

/** Candles that closed in (from, to], then the candle forming at `to`. */
export function candleUpdates(market: WireMarket, candleMs: number, from: number, to: number): CandleUpdate[] {
	const updates: CandleUpdate[] = [];
	const firstClose = (Math.floor(from / candleMs) + 1) * candleMs;
	for (let close = firstClose; close <= to; close += candleMs) {
		const candle = market.candle(close - candleMs, candleMs, close);
		if (candle) updates.push({ candle, closed: true });
	}
	const formingOpen = Math.floor(to / candleMs) * candleMs;
	const forming = formingOpen < to ? market.candle(formingOpen, candleMs, to) : null;
	if (forming) updates.push({ candle: forming, closed: false });
	return updates;
}

/** One exchange's wire: REST routes, websocket protocol, and what its sockets receive when the market moves. */
export interface ExchangeWire {
	routes(market: WireMarket): Record<string, WireRoute>;
	protocol: SocketProtocol;
	/** Pushes the updates of (from, to] to the subscribed sockets. */
	publish(server: LoopbackExchange, market: DemoMarket, from: number, to: number): void;
}

/** Subscribed topics of all sockets (each published once whatever the number of subscribers). */
export function subscribedTopics(server: LoopbackExchange): Set<string> {
	return new Set(server.sockets.flatMap((socket) => [...socket.topics]));
}

/** The last traded price at `time` (USDT; 0 where the market has no data). */
export function lastPrice(market: WireMarket, time: number): number {
	return market.candle(time - 1, 1, time)?.close ?? 0;
}
