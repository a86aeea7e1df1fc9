/**
 * The one door to indicators: RSI, ATR, SMA and EMA as arrays aligned with the candles (null during warm-up), so that
 * nothing else in the app depends on a library's output offsets or quirks.
 *
 * - RSI(14), Wilder: RS = RMA(gains) / RMA(losses), RSI = 100 − 100 / (1 + RS); 0–100, rounded to 0.01, averages
 *   seeded with a simple mean, as TradingView's `ta.rsi` does; the two agree after warm-up (tests/confluence/
 *   indicators.test.ts checks this on the real BTC candles).
 * - ATR(14), Wilder: RMA of the true range, USDT, seeded with the SMA of the first 14 true ranges. The first bar's
 *   true range is skipped, so ATR starts one bar later than Pine's `ta.atr`; the difference decays by a factor 13/14
 *   per bar and is negligible after warm-up.
 * - SMA(n): arithmetic mean of the last n values (a running sum); EMA(n): α = 2/(n + 1), seeded with the SMA of the
 *   first n values.
 *
 * RSI, ATR and SMA are computed here in streaming form (`add` per value: O(1), no allocation), because they run on
 * every candle of every analysis; they reproduce `technicalindicators` (the user's choice of indicator library)
 * operation for operation, and a test checks them against it value for value. EMA (context candles only, a few
 * hundred) still comes from the library.
 */
import { EMA } from 'technicalindicators';
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

/** Feeds each value to a fresh streaming indicator and collects its outputs (null during warm-up). */
function series<T>(values: readonly T[], indicator: { add(value: T): number | null }): (number | null)[] {
	const out: (number | null)[] = new Array(values.length);
	for (let i = 0; i < values.length; i++) out[i] = indicator.add(values[i]);
	return out;
}

export function rsiSeries(closes: readonly number[], period = RSI_LENGTH): (number | null)[] {
	return series(closes, new StreamingRsi(period));
}

export function atrSeries(candles: readonly Candle[], period = ATR_LENGTH): (number | null)[] {
	return series(candles, new StreamingAtr(period));
}

export function smaSeries(values: readonly number[], period: number): (number | null)[] {
	return series(values, new StreamingSma(period));
}

export function emaSeries(values: readonly number[], period: number): (number | null)[] {
	return align(EMA.calculate({ values: [...values], period }), values.length);
}

/** The last non-null value of a series, or null. */
export function lastValue(series: readonly (number | null)[]): number | null {
	for (let i = series.length - 1; i >= 0; i--) if (series[i] !== null) return series[i];
	return null;
}

/** Finite, or null (the library's NaN/Infinity become "not defined"). */
const finite = (value: number) => (Number.isFinite(value) ? value : null);

/**
 * `parseFloat(x.toFixed(2))` (the library's rounding) without formatting a string: Math.round(100x)/100 is the same
 * double unless 100x lies within rounding error of a half, where toFixed's exact decimal decides.
 */
function roundTo2(x: number): number {
	const hundredths = x * 100;
	const fraction = hundredths - Math.floor(hundredths);
	return Math.abs(fraction - 0.5) < 1e-6 ? parseFloat(x.toFixed(2)) : Math.round(hundredths) / 100;
}

/** Simple moving average over a ring of the last `period` values; null until `period` values are in. */
export class StreamingSma {
	readonly #period: number;
	readonly #ring: Float64Array;
	#count = 0;
	#sum = 0;
	constructor(period: number) {
		this.#period = period;
		this.#ring = new Float64Array(period);
	}
	add(value: number): number | null {
		const slot = this.#count % this.#period;
		// A running sum, the oldest value subtracted as it leaves (the library's order of operations, same rounding).
		this.#sum = this.#sum - (this.#count >= this.#period ? this.#ring[slot] : 0) + value;
		this.#ring[slot] = value;
		this.#count++;
		return this.#count >= this.#period ? finite(this.#sum / this.#period) : null;
	}
}

/** Streaming RSI (Wilder): `add(close)` returns the value rounded to 0.01, null during warm-up (the first `period`). */
export class StreamingRsi {
	readonly #period: number;
	#previous = NaN;
	#count = 0;
	#gainSum = 0;
	#lossSum = 0;
	#averageGain = NaN;
	#averageLoss = NaN;
	#value: number | null = null;
	constructor(period = RSI_LENGTH) {
		this.#period = period;
	}
	add(close: number): number | null {
		const period = this.#period;
		if (this.#count++ === 0) {
			this.#previous = close;
			return null;
		}
		const change = close - this.#previous;
		this.#previous = close;
		const gain = change > 0 ? change : 0;
		const loss = -change > 0 ? -change : 0;
		const changes = this.#count - 1;
		if (changes <= period) {
			this.#gainSum += gain;
			this.#lossSum += loss;
			if (changes < period) return null;
			this.#averageGain = this.#gainSum / period;
			this.#averageLoss = this.#lossSum / period;
		} else {
			this.#averageGain = (this.#averageGain * (period - 1) + gain) / period;
			this.#averageLoss = (this.#averageLoss * (period - 1) + loss) / period;
		}
		if (this.#averageLoss === 0) this.#value = 100;
		else if (this.#averageGain === 0) this.#value = 0;
		else {
			const rs = this.#averageGain / this.#averageLoss;
			this.#value = finite(roundTo2(100 - 100 / (1 + (Number.isNaN(rs) ? 0 : rs))));
		}
		return this.#value;
	}
}

/**
 * Streaming ATR (Wilder): `add(candle)` returns the value, null during warm-up. True range from the second candle on;
 * its first `period` values seed the average with their SMA, then ATR += (TR − ATR) / period.
 */
export class StreamingAtr {
	readonly #period: number;
	readonly #seed: StreamingSma;
	#previousClose = NaN;
	#count = 0;
	#atr: number | null = null;
	constructor(period = ATR_LENGTH) {
		this.#period = period;
		this.#seed = new StreamingSma(period);
	}
	add(candle: Pick<Candle, 'high' | 'low' | 'close'>): number | null {
		const previousClose = this.#previousClose;
		this.#previousClose = candle.close;
		if (this.#count++ === 0) return null;
		const upper = Math.abs(candle.high - previousClose);
		const lower = Math.abs(candle.low - previousClose);
		const trueRange = Math.max(candle.high - candle.low, Number.isNaN(upper) ? 0 : upper, Number.isNaN(lower) ? 0 : lower);
		this.#atr = this.#atr === null ? this.#seed.add(trueRange) : (trueRange - this.#atr) * (1 / this.#period) + this.#atr;
		return this.#atr === null ? null : finite(this.#atr);
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
	readonly #volumeSma = new StreamingSma(VOLUME_SMA_LENGTH);
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
			volumeSma.push(this.#volumeSma.add(candle.volume));
		}
		this.#length = Math.max(this.#length, candles.length);
		return { rsi, atr, volumeSma };
	}
}
