/**
 * The calibration's baseline as a curve of distance: for a level d ATR above (below) the close, the share of the
 * calibration's evaluation times whose next N bars rose (fell) at least d ATR. `calibrate()` evaluates this only at the
 * distance of each event; the cluster table needs it at ANY cluster's distance, so this module rebuilds the same
 * evaluation times and moves (see `core/calibration.ts`: t = max(warmUp, 15), then every `horizon` bars while
 * t + horizon is inside the data and ATR(14) at t is defined; up = (max high over (t, t+N] − close_t) / ATR_t, down =
 * (close_t − min low) / ATR_t) and keeps them sorted, so a lookup is a binary search.
 *
 * Units: moves and distances in ATR(14) multiples of the analysed timeframe; shares 0–1.
 * A unit test checks that it reproduces every event's `baseline` of `calibrate()`.
 */
import type { CalibrationOptions } from '$lib/core/calibration/calibration.ts';
import { StreamingAtr } from '$lib/core/confluence/indicators.ts';
import type { Candle, Side } from '$lib/core/types.ts';

export interface BaselineCurve {
	/** Largest rise over the next N bars at each evaluation time, ATR, ascending. */
	up: Float64Array;
	/** Largest fall over the next N bars at each evaluation time, ATR, ascending. */
	down: Float64Array;
}

export function baselineCurve(candles: readonly Candle[], options: Pick<CalibrationOptions, 'horizon' | 'warmUp'>): BaselineCurve {
	const { horizon } = options;
	const atr = new StreamingAtr();
	const up: number[] = [];
	const down: number[] = [];
	let next = Math.max(options.warmUp, 15);
	for (let t = 0; t < candles.length; t++) {
		const atrValue = atr.add(candles[t]);
		if (t === 0 || t !== next || t + horizon >= candles.length) continue;
		next += horizon;
		if (!atrValue) continue;
		const close = candles[t].close;
		let highest = -Infinity;
		let lowest = Infinity;
		for (let j = t + 1; j <= t + horizon; j++) {
			highest = Math.max(highest, candles[j].high);
			lowest = Math.min(lowest, candles[j].low);
		}
		up.push((highest - close) / atrValue);
		down.push((close - lowest) / atrValue);
	}
	return { up: Float64Array.from(up).sort(), down: Float64Array.from(down).sort() };
}

/**
 * Share of evaluation times whose move towards `side`'s liquidations reached `distanceAtr`: shorts are liquidated
 * above the price (a rise), longs below (a fall). Null without evaluation times.
 */
export function baselineAt(curve: BaselineCurve, side: Side, distanceAtr: number): number | null {
	const moves = side === 'short' ? curve.up : curve.down;
	if (moves.length === 0) return null;
	// First index whose move is ≥ distance: everything from there on reached it.
	let lo = 0;
	let hi = moves.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (moves[mid] < distanceAtr) lo = mid + 1;
		else hi = mid;
	}
	return (moves.length - lo) / moves.length;
}
