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
 */
import { ATR, EMA, RSI, SMA } from 'technicalindicators';
import type { Candle } from './types.ts';

export const RSI_LENGTH = 14;
export const ATR_LENGTH = 14;

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
