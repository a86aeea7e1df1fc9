/**
 * Market structure: swing highs and lows, break of structure (BOS) and change of character (CHoCH).
 *
 * - Swing high at bar i: high_i is above every high of the N bars before it and not below any high of the N bars
 *   after it (swing low mirrored). It can only be known at bar i + N (`confirmedIndex`).
 * - Consecutive swings of one kind collapse to the more extreme one, so highs and lows alternate.
 * - Walking forward, at each bar j the swings confirmed by j are the only ones known. A close above the last unbroken
 *   swing high is a break upward, a close below the last unbroken swing low a break downward. It is a BOS when it goes
 *   the way of the current trend (or when no trend is set yet), a CHoCH when it goes against it; the break sets the
 *   trend. Each swing is broken at most once. Events are dated at the breaking candle j, which is always ≥ i + N.
 *
 * Prices in the candles' quote currency; indices into the candle array; times in ms UTC.
 */
import { isPivot } from './pivots.ts';
import type { Candle } from '../types.ts';

export const DEFAULT_SWING_LENGTH = 5;

export type SwingKind = 'high' | 'low';
export type Direction = 'up' | 'down';

export interface Swing {
	index: number;
	time: number;
	price: number;
	kind: SwingKind;
	/** First bar at which the swing is known (index + N). */
	confirmedIndex: number;
}

export interface StructureEvent {
	/** The breaking candle. */
	index: number;
	time: number;
	kind: 'BOS' | 'CHoCH';
	direction: Direction;
	/** The broken swing's price. */
	level: number;
	swingIndex: number;
	swingTime: number;
}

export interface MarketStructure {
	swings: Swing[];
	events: StructureEvent[];
	/** Direction of the last event, null before any break. */
	trend: Direction | null;
}

/** Raw pivots (before collapsing), each with its confirmation bar, oldest confirmation first. */
export function findPivots(candles: readonly Candle[], length: number): Swing[] {
	// Typed copies keep the pivot scan monomorphic and allocation-free (it runs on every analysis).
	const highs = new Float64Array(candles.length);
	const lows = new Float64Array(candles.length);
	for (let i = 0; i < candles.length; i++) {
		highs[i] = candles[i].high;
		lows[i] = candles[i].low;
	}
	const pivots: Swing[] = [];
	for (let i = length; i + length < candles.length; i++) {
		const high = isPivot(highs, i, length, length, 'high');
		const low = isPivot(lows, i, length, length, 'low');
		if (!high && !low) continue;
		const time = candles[i].time;
		if (high) pivots.push({ index: i, time, price: highs[i], kind: 'high', confirmedIndex: i + length });
		if (low) pivots.push({ index: i, time, price: lows[i], kind: 'low', confirmedIndex: i + length });
	}
	return pivots;
}

/** Adds a confirmed pivot to an alternating swing list; returns the swing now last of its kind. */
function pushSwing(swings: Swing[], pivot: Swing): Swing | null {
	const last = swings[swings.length - 1];
	if (last && last.kind === pivot.kind) {
		const moreExtreme = pivot.kind === 'high' ? pivot.price > last.price : pivot.price < last.price;
		if (!moreExtreme) return null;
		swings[swings.length - 1] = pivot;
		return pivot;
	}
	swings.push(pivot);
	return pivot;
}

export function marketStructure(candles: readonly Candle[], length = DEFAULT_SWING_LENGTH): MarketStructure {
	if (!(Number.isInteger(length) && length >= 1)) throw new RangeError(`swing length ${length} must be a whole number ≥ 1`);
	const pivots = findPivots(candles, length);
	const swings: Swing[] = [];
	const events: StructureEvent[] = [];
	let trend: Direction | null = null;
	let lastHigh: Swing | null = null;
	let lastLow: Swing | null = null;
	let next = 0;
	for (let j = 0; j < candles.length; j++) {
		while (next < pivots.length && pivots[next].confirmedIndex <= j) {
			const swing = pushSwing(swings, pivots[next++]);
			if (swing?.kind === 'high') lastHigh = swing;
			if (swing?.kind === 'low') lastLow = swing;
		}
		const close = candles[j].close;
		const broken: [Swing, Direction] | null =
			lastHigh && close > lastHigh.price ? [lastHigh, 'up'] : lastLow && close < lastLow.price ? [lastLow, 'down'] : null;
		if (!broken) continue;
		const [swing, direction] = broken;
		events.push({
			index: j,
			time: candles[j].time,
			kind: trend === null || trend === direction ? 'BOS' : 'CHoCH',
			direction,
			level: swing.price,
			swingIndex: swing.index,
			swingTime: swing.time
		});
		trend = direction;
		if (direction === 'up') lastHigh = null;
		else lastLow = null;
	}
	return { swings, events, trend };
}
