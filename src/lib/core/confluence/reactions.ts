/**
 * Reactions at a cluster on the last bars (checklist step 6): what price did after it ran through a cluster.
 *
 * A sweep is the candle, among the last `bars`, that liquidated the most notional of one side, if that is at least
 * `minShare` of the largest open cluster (a trivial liquidation is not a sweep). Its level is the notional-weighted
 * price of the levels it liquidated. For a sweep of longs (price fell through long levels; mirrored for shorts):
 * - false break: the sweeping candle closed back above the level;
 * - reclaim: it closed below, and a later candle closed back above;
 * - hold-and-retest: it closed below, a later candle traded back up to the level, and every later close stayed below.
 * Prices in quote currency; times ms UTC.
 */
import type { Candle, Liquidation, Side } from '../types.ts';

export type ReactionKind = 'false-break' | 'reclaim' | 'hold-and-retest';

export interface Reaction {
	kind: ReactionKind;
	/** Side whose positions were swept. */
	side: Side;
	level: number;
	/** The sweeping candle. */
	time: number;
	/** Liquidated notional in the sweep, USDT. */
	notional: number;
}

export const REACTION_WINDOW = { bars: 12, minShare: 0.1 };

export function findReactions(
	candles: readonly Candle[],
	liquidations: readonly Liquidation[],
	largestCluster: number,
	options = REACTION_WINDOW
): Reaction[] {
	if (candles.length === 0) return [];
	const first = Math.max(0, candles.length - options.bars);
	const indexOf = new Map(candles.slice(first).map((c, k) => [c.time, first + k]));
	const sums = new Map<string, { index: number; side: Side; notional: number; weighted: number }>();
	for (let i = liquidations.length - 1; i >= 0 && liquidations[i].time >= candles[first].time; i--) {
		const event = liquidations[i];
		const index = indexOf.get(event.time);
		if (index === undefined) continue;
		const key = `${index}:${event.side}`;
		const sum = sums.get(key) ?? { index, side: event.side, notional: 0, weighted: 0 };
		sum.notional += event.notional;
		sum.weighted += event.notional * event.price;
		sums.set(key, sum);
	}
	const reactions: Reaction[] = [];
	for (const side of ['long', 'short'] as Side[]) {
		const sweep = [...sums.values()].filter((s) => s.side === side).sort((a, b) => b.notional - a.notional)[0];
		if (!sweep || sweep.notional < options.minShare * largestCluster) continue;
		const level = sweep.weighted / sweep.notional;
		// "back" = the side price came from: above the level for a long sweep, below for a short sweep.
		const back = (close: number) => (side === 'long' ? close > level : close < level);
		const sweepCandle = candles[sweep.index];
		const later = candles.slice(sweep.index + 1);
		let kind: ReactionKind | null = null;
		if (back(sweepCandle.close)) kind = 'false-break';
		else if (later.some((c) => back(c.close))) kind = 'reclaim';
		else if (later.some((c) => (side === 'long' ? c.high >= level : c.low <= level))) kind = 'hold-and-retest';
		if (kind) reactions.push({ kind, side, level, time: sweepCandle.time, notional: sweep.notional });
	}
	return reactions;
}
