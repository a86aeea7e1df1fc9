/**
 * The one door to `technicalindicators` (the user's choice of indicator library): RSI, ATR, SMA and EMA as arrays
 * aligned with the candles (null during warm-up), so that nothing else in the app depends on the library's output
 * offsets or quirks.
 *
 * - RSI(14), Wilder: RS = RMA(gains) / RMA(losses), RSI = 100 − 100 / (1 + RS); 0–100. The library rounds RSI to
 *   0.01 and seeds its averages with a simple mean, as TradingView's `ta.rsi` does; the two agree after warm-up
 *   (tests/indicators.test.ts checks this on the real BTC candles).
 * - ATR(14), Wilder: RMA of the true range, USDT. The library skips the first bar's true range, so its ATR starts one
 *   bar later than Pine's `ta.atr`; the difference decays by a factor 13/14 per bar and is negligible after warm-up.
 * - SMA(n): arithmetic mean of the last n values; EMA(n): α = 2/(n + 1), seeded with the SMA of the first n values.
 *
 * The streaming forms (`nextValue`, one value at a time) run the same code as the batch `calculate` and give the same
 * numbers; `CandleIndicators` uses them so that a live feed extends its series without recomputing the history.
 */
import { ATR, EMA, RSI, SMA } from 'technicalindicators';
import type { Candle } from '../types.ts';

export const RSI_LENGTH = 14;
export const ATR_LENGTH = 14;
/** Candles in the volume pane's moving average. */
export const VOLUME_SMA_LENGTH = 20;

/** Pads the library's shorter output on the left with nulls so index i belongs to candle i. */
function align(values: readonly number[], length: number): (number | null)[] {
	const out: (number | null)[] = new Array(length - values.length).fill(null);
	for (const value of values) out.push(Number.isFinite(value) ? value : null);
	return out;
}

export function rsiSeries(closes: readonly number[], period = RSI_LENGTH): (number | null)[] {
	return align(RSI.calculate({ values: [...closes], period }), closes.length);
}

export function atrSeries(candles: readonly Candle[], period = ATR_LENGTH): (number | null)[] {
	const values = ATR.calculate({
		high: candles.map((c) => c.high),
		low: candles.map((c) => c.low),
		close: candles.map((c) => c.close),
		period
	});
	return align(values, candles.length);
}

export function smaSeries(values: readonly number[], period: number): (number | null)[] {
	return align(SMA.calculate({ values: [...values], period }), values.length);
}

export function emaSeries(values: readonly number[], period: number): (number | null)[] {
	return align(EMA.calculate({ values: [...values], period }), values.length);
}

/** The last non-null value of a series, or null. */
export function lastValue(series: readonly (number | null)[]): number | null {
	for (let i = series.length - 1; i >= 0; i--) if (series[i] !== null) return series[i];
	return null;
}

/** Streaming RSI(14) through the same library: `add(close)` returns the value, null during warm-up. */
export class StreamingRsi {
	readonly #rsi: RSI;
	constructor(period = RSI_LENGTH) {
		this.#rsi = new RSI({ period, values: [] });
	}
	add(close: number): number | null {
		return this.#rsi.nextValue(close) ?? null;
	}
}

/** Streaming ATR(14) through the same library: `add(candle)` returns the value, null during warm-up. */
export class StreamingAtr {
	readonly #atr: ATR;
	constructor(period = ATR_LENGTH) {
		this.#atr = new ATR({ period, high: [], low: [], close: [] });
	}
	add(candle: Pick<Candle, 'high' | 'low' | 'close'>): number | null {
		return this.#atr.nextValue({ high: candle.high, low: candle.low, close: candle.close }) ?? null;
	}
}

/** RSI(14), ATR(14) and volume SMA(20) per candle, null during warm-up. */
export interface CandleIndicatorSeries {
	rsi: (number | null)[];
	atr: (number | null)[];
	volumeSma: (number | null)[];
}

/**
 * RSI(14), ATR(14) and SMA(20) of volume of a candle series that grows at its end. `extend(candles, previous)` feeds
 * only the candles after those seen so far (the caller keeps the earlier ones unchanged) and returns the series of
 * all of them: `previous` (what the last call returned) copied and extended. Only the streaming state is kept here,
 * so the series exist once, in the caller's hands. Equal to `rsiSeries`, `atrSeries` and `smaSeries` of the candles.
 */
export class CandleIndicators {
	readonly #rsi = new StreamingRsi();
	readonly #atr = new StreamingAtr();
	readonly #volumeSma = new SMA({ period: VOLUME_SMA_LENGTH, values: [] });
	#length = 0;

	/** Candles fed so far. */
	get length(): number {
		return this.#length;
	}

	extend(candles: readonly Candle[], previous?: CandleIndicatorSeries): CandleIndicatorSeries {
		if ((previous?.rsi.length ?? 0) !== this.#length) throw new RangeError('the previous series do not match the candles fed');
		const rsi = previous ? previous.rsi.slice() : [];
		const atr = previous ? previous.atr.slice() : [];
		const volumeSma = previous ? previous.volumeSma.slice() : [];
		for (let i = this.#length; i < candles.length; i++) {
			const candle = candles[i];
			rsi.push(this.#rsi.add(candle.close));
			atr.push(this.#atr.add(candle));
			const sma = this.#volumeSma.nextValue(candle.volume);
			volumeSma.push(sma !== undefined && Number.isFinite(sma) ? sma : null);
		}
		this.#length = Math.max(this.#length, candles.length);
		return { rsi, atr, volumeSma };
	}
}
