/**
 * One demo exchange's market at a settable market time: candles of any timeframe from the sample path, and the
 * simulated traders' liquidation prints, open interest and funding (see `sample-path.ts`, `traders.ts`).
 *
 * The market time is never read from the wall clock: it is whatever the owner last set with `advanceTo` (tests step
 * it by hand; `liqmap demo-market` moves it with a timer). Funding settles every 8 h on 00:00, 08:00 and 16:00 UTC.
 * Units: ms UTC, USDT prices and notional, BTC amounts, funding rates as fractions per 8 h.
 */
import type { Candle } from '../../core/types.ts';
import { SamplePath, type PathClock } from './sample-path.ts';
import { SimulatedTraders } from './traders.ts';
import type { Side } from '../../core/types.ts';

export const FUNDING_INTERVAL_MS = 8 * 3_600_000;

export interface DemoPrint {
	/** ms UTC. */
	time: number;
	side: Side;
	price: number;
	amount: number;
}

/** What the REST and websocket wire formats read (the tests' synthetic market provides the same). */
export interface WireMarket {
	now(): number;
	/** The candle opening at `time`, cut at `now` when still forming; null where the market has no data. */
	candle(time: number, candleMs: number, now: number): Candle | null;
	/** Open interest at `time`: USDT notional and BTC amount; null where there is none. */
	openInterest(time: number): { notional: number; amount: number } | null;
	/** Funding rate per 8 h in force at `time`, and the next settlement time. */
	funding(time: number): { rate: number; nextFundingTime: number };
}

export interface DemoMarketOptions {
	bars: readonly Candle[];
	clock: PathClock;
	/** Added to every sample price (USDT): the exchanges differ slightly, as real ones do. */
	priceOffset: number;
	/** Seed of the simulated traders. */
	seed: number;
}

export class DemoMarket implements WireMarket {
	readonly path: SamplePath;
	readonly traders: SimulatedTraders;
	#now: number;

	constructor(options: DemoMarketOptions) {
		this.path = new SamplePath(options.bars, options.clock, options.priceOffset);
		this.traders = new SimulatedTraders(this.path, options.seed);
		this.#now = options.clock.start;
	}

	now(): number {
		return this.#now;
	}

	/** Moves the market time forward (never back). */
	advanceTo(time: number): void {
		this.#now = Math.max(this.#now, time);
	}

	candle(time: number, candleMs: number, now: number): Candle | null {
		return this.path.candle(time, candleMs, now);
	}

	/** The last completed sample bar at `time` (simulated on demand), or -1 before the sample. */
	#barAt(time: number): number {
		const bar = Math.min(Math.floor(this.path.cursorAt(time)) - 1, this.path.bars.length - 1);
		if (bar >= 0) this.traders.simulateTo(bar);
		return bar;
	}

	openInterest(time: number): { notional: number; amount: number } | null {
		const bar = this.#barAt(time);
		if (bar < 0) return null;
		const notional = this.traders.openInterest[bar];
		return { notional, amount: Math.round((notional / this.path.priceAt(bar + 1)) * 1000) / 1000 };
	}

	funding(time: number): { rate: number; nextFundingTime: number } {
		const bar = this.#barAt(time);
		return { rate: bar < 0 ? 0.0001 : this.traders.fundingRate[bar], nextFundingTime: (Math.floor(time / FUNDING_INTERVAL_MS) + 1) * FUNDING_INTERVAL_MS };
	}

	/** Liquidation prints with times in (from, to], oldest first. */
	printsBetween(from: number, to: number): DemoPrint[] {
		const toCursor = this.path.cursorAt(to);
		this.traders.simulateTo(Math.ceil(toCursor));
		const fromCursor = this.path.cursorAt(from);
		const prints = this.traders.prints;
		let lo = 0;
		let hi = prints.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (prints[mid].cursor <= fromCursor) lo = mid + 1;
			else hi = mid;
		}
		const result: DemoPrint[] = [];
		for (let i = lo; i < prints.length && prints[i].cursor <= toCursor; i++) {
			const p = prints[i];
			result.push({ time: Math.round(this.path.timeAt(p.cursor)), side: p.side, price: p.price, amount: p.amount });
		}
		return result;
	}
}
