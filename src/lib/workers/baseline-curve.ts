/**
 * The calibration's baseline as a curve of distance: for a level d ATR above (below) the close, the share of the
 * calibration's evaluation times whose next N bars rose (fell) at least d ATR. `calibrate()` evaluates this only at the
 * distance of each event; the cluster table needs it at ANY cluster's distance, so this module sorts the moves that
 * `calibrationRun()` measured at its evaluation times (`Outcome`: up = (max high over (t, t+N] − close_t) / ATR_t,
 * down = (close_t − min low) / ATR_t), so a lookup is a binary search.
 *
 * Units: moves and distances in ATR(14) multiples of the analysed timeframe; shares 0–1.
 * A unit test checks that it reproduces every event's `baseline` of `calibrate()`.
 */
import type { Outcome } from '$lib/core/calibration/calibration.ts';
import { lowerBound } from '$lib/core/market/candle-search.ts';
import type { Side } from '$lib/core/types.ts';

export interface BaselineCurve {
	/** Largest rise over the next N bars at each evaluation time, ATR, ascending. */
	up: Float64Array;
	/** Largest fall over the next N bars at each evaluation time, ATR, ascending. */
	down: Float64Array;
}

/** The curve of a calibration's outcomes (`calibrationRun`). */
export function baselineCurve(outcomes: readonly Pick<Outcome, 'upAtr' | 'downAtr'>[]): BaselineCurve {
	return {
		up: Float64Array.from(outcomes, (o) => o.upAtr).sort(),
		down: Float64Array.from(outcomes, (o) => o.downAtr).sort()
	};
}

/**
 * Share of evaluation times whose move towards `side`'s liquidations reached `distanceAtr`: shorts are liquidated
 * above the price (a rise), longs below (a fall). Null without evaluation times.
 */
export function baselineAt(curve: BaselineCurve, side: Side, distanceAtr: number): number | null {
	const moves = side === 'short' ? curve.up : curve.down;
	if (moves.length === 0) return null;
	// Everything from the first move ≥ distance on reached it.
	return (moves.length - lowerBound(moves.length, (i) => moves[i] < distanceAtr)) / moves.length;
}
