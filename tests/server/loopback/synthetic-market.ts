/**
 * A deterministic BTC market for the loopback exchanges: the price is a sum of sines of time (days, hours, minutes) and
 * a per-minute sawtooth only the forming candle sees, so any window of any timeframe can be served without storing
 * data, and candles of different timeframes agree
 * (a 1h candle's high is the highest of its 5-minute samples). Each exchange gets a small price offset so the
 * aggregate sees three similar but not identical markets. Units: ms, USDT, BTC; open interest in USDT and BTC.
 */
import type { Candle } from '../../../src/lib/core/types.ts';
import type { WireMarket } from '../../../src/lib/server/demo-market/demo-market.ts';

const FIVE_MINUTES = 300_000;

/**
 * Ticks within each minute: a sawtooth rising 0.5 USDT per second, zero on every whole minute. Closed candles and open
 * interest are read on whole minutes and never see it. The still-forming candle's close (read at "now") does: between
 * two polls 10–40 s apart it moves by at least 3 USDT whatever the sines do (together < 0.15 USDT/s), also where they
 * are flat (the live e2e test waits for the price to change between polls, about 16 s apart).
 */
const minuteTicks = (time: number) => 0.5 * ((((time % 60_000) + 60_000) % 60_000) / 1000);

export function priceAt(time: number, offset = 0): number {
	return (
		60_000 +
		offset +
		2_500 * Math.sin(time / (86_400_000 * 3)) +
		800 * Math.sin(time / (3_600_000 * 5)) +
		150 * Math.sin(time / 1_700_000) +
		minuteTicks(time)
	);
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** A candle of the synthetic market: the core's `Candle` (ms open time, USDT prices, BTC volume). */
export type SyntheticCandle = Candle;

/** The candle opening at `time` lasting `candleMs`; cut at `now` when it is still forming. */
export function candleAt(time: number, candleMs: number, offset = 0, now = Infinity): SyntheticCandle {
	const end = Math.min(time + candleMs, now);
	const open = round1(priceAt(time, offset));
	const close = round1(priceAt(end, offset));
	let high = Math.max(open, close);
	let low = Math.min(open, close);
	for (let t = time + FIVE_MINUTES; t < end; t += FIVE_MINUTES) {
		const p = round1(priceAt(t, offset));
		high = Math.max(high, p);
		low = Math.min(low, p);
	}
	const wick = round1(20 + 15 * Math.abs(Math.sin(time / 2_900_000)));
	const volume = round3(((end - time) / FIVE_MINUTES) * (40 + 30 * Math.abs(Math.sin(time / 7_000_000))));
	return { time, open, high: round1(high + wick), low: round1(low - wick), close, volume };
}

/** Open times of the candles of `candleMs` opening in `[from, to]` and not after `now`. */
export function candleTimes(from: number, to: number, candleMs: number, now: number): number[] {
	const times: number[] = [];
	const first = Math.ceil(from / candleMs) * candleMs;
	for (let t = first; t <= to && t <= now; t += candleMs) times.push(t);
	return times;
}

/** Open interest at `time` in USDT notional (a slow wave around 8 bn) and in BTC at the synthetic price. */
export function openInterestAt(time: number, offset = 0) {
	const notional = 8e9 + 4e8 * Math.sin(time / 86_400_000) + 1e8 * Math.sin(time / 9_000_000);
	return { notional: Math.round(notional * 100) / 100, amount: round3(notional / priceAt(time, offset)) };
}

/** The loopback market's clock: ms UTC. */
export type MarketClock = () => number;

/** The loopback market's "now": the wall clock unless a test fixes it (`setLoopbackClock`); never read elsewhere. */
let loopbackNow: MarketClock = Date.now;

/** Sets the loopback market's clock (null: the wall clock again). */
export function setLoopbackClock(clock: MarketClock | null): void {
	loopbackNow = clock ?? Date.now;
}

/**
 * A clock that starts at `start` (ms UTC) and runs at the pace of `wall` from the moment it is made: the market's time
 * of day (so its price path) is fixed by the test, while polls still see candles close.
 */
export function clockFrom(start: number, wall: MarketClock = Date.now): MarketClock {
	const offset = start - wall();
	return () => wall() + offset;
}

/** The synthetic market as the wire formats read it (`src/lib/server/demo-market/wire/`), at the loopback clock's now. */
export function syntheticWireMarket(offset: number): WireMarket {
	return {
		now: () => loopbackNow(),
		candle: (time, candleMs, now) => candleAt(time, candleMs, offset, now),
		openInterest: (time) => openInterestAt(time, offset),
		funding: (time) => ({ rate: 0.0001, nextFundingTime: (Math.floor(time / 28_800_000) + 1) * 28_800_000 })
	};
}
