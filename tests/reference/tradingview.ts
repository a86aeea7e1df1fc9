/**
 * Independent reference implementations of TradingView's formulas, written from the Pine Script reference (not from
 * `technicalindicators`), to cross-check the app's indicator module.
 *
 * Average true range, Wilder's smoothing, as TradingView's `ta.atr(length)`:
 *   TR_i = max(high_i − low_i, |high_i − close_{i−1}|, |low_i − close_{i−1}|), TR_0 = high_0 − low_0;
 *   ATR is the RMA of TR: seeded with the simple mean of the first `length` TRs (defined from bar length−1 on),
 *   then ATR_i = (ATR_{i−1}·(length − 1) + TR_i) / length.
 * Units: USDT. Source: TradingView Pine Script reference, `ta.atr`, `ta.rma` and `ta.tr(true)`.
 * Bars before the warm-up are null.
 */
import type { Candle } from '../../src/lib/core/types.ts';

export const ATR_LENGTH = 14;

/** Streaming ATR: `add()` a closed candle; `value` is null until `length` candles have been added. */
export class AverageTrueRange {
	readonly #length: number;
	#previousClose: number | null = null;
	#count = 0;
	#sum = 0;
	#value: number | null = null;

	constructor(length = ATR_LENGTH) {
		if (!(length >= 1)) throw new RangeError(`ATR length ${length} must be at least 1`);
		this.#length = length;
	}

	get value(): number | null {
		return this.#value;
	}

	add(candle: Pick<Candle, 'high' | 'low' | 'close'>): number | null {
		const trueRange =
			this.#previousClose === null
				? candle.high - candle.low
				: Math.max(
						candle.high - candle.low,
						Math.abs(candle.high - this.#previousClose),
						Math.abs(candle.low - this.#previousClose)
					);
		this.#previousClose = candle.close;
		this.#count++;
		if (this.#value === null) {
			this.#sum += trueRange;
			if (this.#count === this.#length) this.#value = this.#sum / this.#length;
		} else {
			this.#value = (this.#value * (this.#length - 1) + trueRange) / this.#length;
		}
		return this.#value;
	}
}

/** ATR for every bar (null during warm-up). */
export function averageTrueRange(candles: readonly Candle[], length = ATR_LENGTH): (number | null)[] {
	const atr = new AverageTrueRange(length);
	return candles.map((candle) => atr.add(candle));
}

/**
 * RSI as TradingView's `ta.rsi(close, length)`: u = max(close − close[1], 0), d = max(close[1] − close, 0),
 * RS = RMA(u) / RMA(d) with RMA seeded by the SMA of the first `length` changes; RSI = 100 − 100/(1 + RS)
 * (100 when RMA(d) = 0). Defined from bar `length` on.
 */
export function relativeStrengthIndex(closes: readonly number[], length = 14): (number | null)[] {
	const out: (number | null)[] = [null];
	let gain = 0;
	let loss = 0;
	for (let i = 1; i < closes.length; i++) {
		const change = closes[i] - closes[i - 1];
		const up = Math.max(change, 0);
		const down = Math.max(-change, 0);
		if (i <= length) {
			gain += up / length;
			loss += down / length;
		} else {
			gain = (gain * (length - 1) + up) / length;
			loss = (loss * (length - 1) + down) / length;
		}
		out.push(i < length ? null : loss === 0 ? 100 : 100 - 100 / (1 + gain / loss));
	}
	return out;
}
