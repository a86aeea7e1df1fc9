/**
 * The demo market's price path: the embedded sample (real Bybit BTCUSDT 5-minute candles) laid on the clock.
 *
 * A *cursor* is a position in the sample measured in bars (bar i spans cursor [i, i + 1)). Market time t maps to a
 * cursor: before `start` the sample runs at its own pace (one bar per 5 minutes, so history candles are the sample's
 * candles, re-timed to end at `start`); from `start` on it runs at `speed` bars per second, so a live candle of the app
 * spans `speed × 300` sample bars per 5 minutes (speed 1/300 = real time). Past the sample's last bar the market halts
 * (flat price, no volume). Within a bar the price walks open → low → high → close (bullish bar) or open → high → low →
 * close (bearish), in three equal thirds, so every high and low of the sample is visited.
 *
 * Units: ms UTC times, USDT prices (the sample's plus `priceOffset`), BTC volume. No wall clock is read here.
 */
import type { Candle } from '../../core/types.ts';

export const SAMPLE_BAR_MS = 300_000;

export interface PathClock {
	/** Market time (ms) at which the replay starts running at `speed`. */
	start: number;
	/** Bar index of the sample at `start` (the bars before it are history). */
	startBar: number;
	/** Sample bars per second of market time after `start`. */
	speed: number;
}

export class SamplePath {
	constructor(
		readonly bars: readonly Candle[],
		readonly clock: PathClock,
		readonly priceOffset = 0
	) {}

	/** The cursor (fractional bar index) at market time `time`. */
	cursorAt(time: number): number {
		const { start, startBar, speed } = this.clock;
		const cursor = time < start ? startBar + (time - start) / SAMPLE_BAR_MS : startBar + ((time - start) * speed) / 1000;
		return Math.min(cursor, this.bars.length);
	}

	/** The market time at which the path reaches `cursor` (inverse of `cursorAt`). */
	timeAt(cursor: number): number {
		const { start, startBar, speed } = this.clock;
		return cursor < startBar ? start + (cursor - startBar) * SAMPLE_BAR_MS : start + ((cursor - startBar) * 1000) / speed;
	}

	/** The four knots of bar i's path (open, first extreme, second extreme, close). */
	knots(i: number): [number, number, number, number] {
		const bar = this.bars[i];
		const o = this.priceOffset;
		return bar.close >= bar.open
			? [bar.open + o, bar.low + o, bar.high + o, bar.close + o]
			: [bar.open + o, bar.high + o, bar.low + o, bar.close + o];
	}

	/** The price at `cursor` (linear between the knots). */
	priceAt(cursor: number): number {
		if (cursor >= this.bars.length) return this.bars[this.bars.length - 1].close + this.priceOffset;
		const i = Math.max(0, Math.floor(cursor));
		const k = this.knots(i);
		const u = Math.min(Math.max(cursor - i, 0), 1) * 3;
		const segment = Math.min(Math.floor(u), 2);
		return k[segment] + (k[segment + 1] - k[segment]) * (u - segment);
	}

	/** Highest and lowest price visited between two cursors. */
	extremes(from: number, to: number): { high: number; low: number } {
		let high = Math.max(this.priceAt(from), this.priceAt(to));
		let low = Math.min(this.priceAt(from), this.priceAt(to));
		const end = Math.min(to, this.bars.length);
		for (let i = Math.max(0, Math.floor(from)); i < end; i++) {
			const k = this.knots(i);
			for (let j = 1; j <= 2; j++) {
				const at = i + j / 3;
				if (at > from && at < to) {
					high = Math.max(high, k[j]);
					low = Math.min(low, k[j]);
				}
			}
		}
		return { high, low };
	}

	/** Volume (BTC) traded between two cursors: sample volume pro rata within bars, and after `start` scaled by
	 * 1/(300·speed) so that volume per minute stays the sample's whatever the speed. */
	volume(from: number, to: number): number {
		let sum = 0;
		const end = Math.min(to, this.bars.length);
		// A replayed bar lasts 1000/speed ms of market time instead of 300,000 ms.
		const replayScale = 1000 / this.clock.speed / SAMPLE_BAR_MS;
		for (let i = Math.max(0, Math.floor(from)); i < end; i++) {
			const share = Math.min(end, i + 1) - Math.max(from, i);
			sum += this.bars[i].volume * share * (i >= this.clock.startBar ? replayScale : 1);
		}
		return sum;
	}

	/** The candle of `candleMs` opening at `time`, cut at `now` when still forming; null before the sample begins. */
	candle(time: number, candleMs: number, now: number): Candle | null {
		const end = Math.min(time + candleMs, now);
		const from = this.cursorAt(time);
		const to = this.cursorAt(end);
		if (from < 0 || end <= time) return null;
		const { high, low } = this.extremes(from, to);
		const round1 = (value: number) => Math.round(value * 10) / 10;
		return { time, open: round1(this.priceAt(from)), high: round1(high), low: round1(low), close: round1(this.priceAt(to)), volume: Math.round(this.volume(from, to) * 1000) / 1000 };
	}
}
