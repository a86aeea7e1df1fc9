/**
 * A re-implementation, for the bench only, of the model part of aggr.trade's "Liquidation Heatmap" indicator, so that
 * issue 15's table can compare the cost per level per candle of our engine with a heatmap people use, on the same
 * candles in the same process. Not app code: nothing in `src/` imports it.
 *
 * What it re-implements, read from the indicator's scripts in the `Tucsky/aggr-lib` repository (author "aggr"):
 * `indicators/aggr/liquidation-heatmap.json` (pull request #33, "Liquidation Heatmap") and
 * `indicators/aggr/liquidation-heatmap-light.json` ("Liquidation Heatmap Light", its later, lighter form); written
 * here anew, not copied. Both, with their default options:
 * - Leverages 5, 20 and 100, each on both sides: 6 levels per candle.
 * - The grid: cells of `steps` = k × RMA(high − low, 200) in price (k = 0.39, light 0.19: `autoScale`), fixed once 200
 *   bars are in (`autoRescale` is 0); nothing is placed before that.
 * - Each new bar places levels from the PREVIOUS bar: a short level above its high, a long level below its low, at a
 *   distance of 1/leverage + 0.5 % (heatmap: the "legacy" price high × (1 + 1/L + 0.005), low × (1 − 1/L + 0.005);
 *   light: ± (1/L + 0.005 + 0.01/L)), snapped to its cell (floor for shorts, ceil for longs). The cell lives in a plain
 *   object keyed by its price (as the scripts keep it: each lookup turns the float into a string key); a new cell
 *   joins a list of resistances (ascending) or supports (descending), re-sorted whenever one joined.
 * - Weight: the cell's strength grows by the previous bar's sell volume (shorts) or buy volume (longs) divided by
 *   their SMA over `volLength` = 1 bar (so by 1 for any bar that traded), and its count by 1.
 * - Each bar then walks both lists from the nearest cell: a cell the bar's low (supports) or high (resistances)
 *   reached is deleted. Heatmap: every other cell older than 100 bars fades by 0.02 of strength and one faded to zero
 *   is deleted on the next walk, so the walk visits every live cell (~100 per side here) on every bar. Light: no
 *   fading (`fadeAmount` 0), so the walk stops at the first cell not reached.
 * - The redraw bookkeeping (optional, `withRedraws`): a cell over the threshold (heatmap 5, light 2) is queued for a
 *   redraw (`indexOf` on the queue, as the scripts do), again on every bar while it fades above the threshold, and up
 *   to 20 queued cells per bar get a colour (the scripts' 20 `brokenarea` slots); the colour ratio goes into a typed
 *   array instead of a chart series. It decides what to repaint, so the bench leaves it out of the model figures (ours
 *   leave out the chart too) and prints it as a case of its own.
 *
 * On the bench's five synthetic years (a seeded random walk from 30,000) the Light form ends with 117 supports and
 * 2,477 resistances alive (nothing fades, so a level the market never came back to stays), and each bar that adds a
 * cell re-sorts a list of thousands; the fading form keeps ~100 per side but visits all of them on every bar.
 *
 * Assumed where the script depends on aggr.trade's runtime: the bars are a finished history (each bar processed once
 * with its whole high and low; live, the script runs at a bar's first trade); one market (its `avg_ohlc_with_gaps` of
 * several markets is the candle itself); buy and sell volume are each half of the candle's volume (our candles carry
 * no taker split; with `volLength` 1 the ratio is 1 either way). Not re-implemented: Heikin-Ashi and log options, the
 * rescale of the grid, the change histogram (all off by default).
 */
import type { Candle } from '../../src/lib/core/types.ts';

/** The indicators' defaults. */
const LEVERAGES = [5, 20, 100];
/** Shorts (positive) then longs (negative), as the scripts resolve them. */
const SIGNED_LEVERAGES = [...LEVERAGES, ...LEVERAGES.map((leverage) => -leverage)];
const AUTO_SCALE_LENGTH = 200;
const FADE_START = 100;
const SLOTS = 20;

export type AggrVariant = 'heatmap' | 'light';

interface VariantOptions {
	autoScale: number;
	threshold: number;
	fadeAmount: number;
	strength: number;
	/** Distance of the level from the previous bar's high (short, leverage > 0) or low (long, < 0), a fraction of it. */
	distance: (signedLeverage: number) => number;
}

const VARIANTS: Record<AggrVariant, VariantOptions> = {
	// "legacy" price: high × (1 + 1/L + 0.005) above; below, low × (1 − 1/L + 0.005), i.e. a distance of 1/L − 0.005.
	heatmap: { autoScale: 0.39, threshold: 5, fadeAmount: 0.02, strength: 0.25, distance: (l) => 1 / Math.abs(l) + (l > 0 ? 0.005 : -0.005) },
	light: { autoScale: 0.19, threshold: 2, fadeAmount: 0, strength: 0.5, distance: (l) => 1 / Math.abs(l) + 0.005 + 0.01 / Math.abs(l) }
};

/** Levels the indicator places per candle (3 leverages × 2 sides). */
export const AGGR_LEVELS_PER_CANDLE = LEVERAGES.length * 2;

interface Cell {
	strength: number;
	count: number;
	/** Bar of the cell's first level (fading starts `FADE_START` bars after it). */
	since: number;
	drawn: boolean;
}

export interface AggrHeatmapResult {
	/** Cells alive after the last candle, per side. */
	supports: number;
	resistances: number;
	/** Redraws (colours handed out) in all. */
	redraws: number;
	/** The colour ratio of the first slot in the last bar that redrew (keeps the redraws from being optimised away). */
	lastColour: number;
}

/** Runs the indicator's model over `candles` (oldest first); `withRedraws`: with its redraw bookkeeping. */
export function aggrHeatmapRun(candles: readonly Candle[], variant: AggrVariant, withRedraws = false): AggrHeatmapResult {
	const { autoScale, threshold, fadeAmount, strength, distance } = VARIANTS[variant];
	const distances = SIGNED_LEVERAGES.map(distance);
	const cells: Record<string, Cell> = {};
	const supports: number[] = [];
	const resistances: number[] = [];
	const pending: number[] = [];
	const colours = new Float64Array(SLOTS);
	let redraws = 0;
	let rangeRma = 0;
	let steps = 0;
	for (let bar = 1; bar < candles.length; bar++) {
		const previous = candles[bar - 1];
		const candle = candles[bar];
		// RMA (Wilder) of the bar's range over 200 bars, seeded with their mean, as the script's `rma`.
		const range = candle.high - candle.low;
		rangeRma = bar < AUTO_SCALE_LENGTH ? rangeRma + range / AUTO_SCALE_LENGTH : rangeRma + (range - rangeRma) / AUTO_SCALE_LENGTH;
		if (bar < AUTO_SCALE_LENGTH) continue;
		if (!steps) steps = rangeRma * autoScale;
		// The previous bar's buy (or sell) volume over its SMA of `volLength` = 1 bar (0.0001 when nothing traded).
		const sideVolume = previous.volume / 2;
		const ratio = sideVolume / (sideVolume || 0.0001);
		let supportsJoined = false;
		let resistancesJoined = false;
		for (let k = 0; k < SIGNED_LEVERAGES.length; k++) {
			const leverage = SIGNED_LEVERAGES[k];
			const short = leverage > 0;
			const price = short ? previous.high * (1 + distances[k]) : previous.low * (1 - distances[k]);
			const cellPrice = (short ? Math.floor(price / steps) : Math.ceil(price / steps)) * steps;
			let cell = cells[cellPrice];
			if (!cell) {
				cell = cells[cellPrice] = { strength: 0, count: 1, since: bar, drawn: false };
				if (short) {
					resistances.push(cellPrice);
					resistancesJoined = true;
				} else {
					supports.push(cellPrice);
					supportsJoined = true;
				}
			}
			cell.strength += ratio;
			cell.count += 1;
			if (withRedraws && cell.strength > threshold && pending.indexOf(cellPrice) === -1) pending.unshift(cellPrice);
		}
		if (resistancesJoined) resistances.sort((a, b) => a - b);
		if (supportsJoined) supports.sort((a, b) => b - a);
		// Up to `SLOTS` queued cells get their colour this bar.
		for (let slot = 0; slot < SLOTS && pending.length > 0; slot++) {
			const cell = cells[pending.shift()!];
			if (!cell) continue;
			colours[slot] = Math.max(0.01, Math.min(1, (cell.strength * cell.count * strength) / 100));
			cell.drawn = true;
			redraws++;
		}
		const queue = withRedraws ? pending : null;
		walkLevels(cells, supports, queue, bar, candle.low, false, fadeAmount, threshold);
		walkLevels(cells, resistances, queue, bar, candle.high, true, fadeAmount, threshold);
	}
	return { supports: supports.length, resistances: resistances.length, redraws, lastColour: colours[0] };
}

/**
 * One bar's walk over a side's cells: deletes those the bar reached (`extreme`: its high for the resistances, its low
 * for the supports) or that faded out, fades the others.
 */
function walkLevels(
	cells: Record<string, Cell>,
	list: number[],
	pending: number[] | null,
	bar: number,
	extreme: number,
	resistances: boolean,
	fadeAmount: number,
	threshold: number
): void {
	for (let i = 0; i < list.length; i++) {
		const cellPrice = list[i];
		const cell = cells[cellPrice];
		const reached = resistances ? extreme >= cellPrice : extreme <= cellPrice;
		if (reached || cell.strength === 0) {
			const queued = pending ? pending.indexOf(cellPrice) : -1;
			if (queued !== -1) pending!.splice(queued, 1);
			delete cells[cellPrice];
			list.splice(i--, 1);
		} else if (!fadeAmount) {
			// Sorted from the nearest: the first cell not reached ends the walk.
			break;
		} else if (bar > cell.since + FADE_START) {
			cell.strength -= Math.min(fadeAmount, cell.strength);
			if (!pending) continue;
			const queued = pending.indexOf(cellPrice);
			if (cell.strength > threshold) {
				if (queued === -1) pending.push(cellPrice);
			} else if (cell.drawn) {
				cell.drawn = false;
				if (queued !== -1) pending.splice(queued, 1);
			}
		}
	}
}
