/**
 * The time-evolving map ("history mode"): open notional per price bin at the end of every column of
 * `candlesPerColumn` candles, each level counted from the candle that opened it until the candle that liquidated it.
 *
 * Built in the same pass as the engine, from per-cell deltas: the engine keeps open units per bin of this grid as its
 * cells fill and empty (`LiquidationEngine.trackBins`), and at a column's last candle the builder writes those units ×
 * the engine's scale (USDT). Each cell counts in the bin of its centre, so a level may show up to one engine cell
 * (about 0.0125 % of price) from its own price. Cost: O(levels + columns × bins). Columns and bins are capped so the grid
 * stays a few MB.
 */
import type { LiquidationEngine } from './liquidation-engine.ts';
import type { BinGrid } from './price-bins.ts';
import type { HistoryGrid } from '../types.ts';

export const MAX_HISTORY_COLUMNS = 1500;
export const MAX_HISTORY_BINS = 600;

export class HistoryGridBuilder {
	readonly #grid: HistoryGrid;
	#column = 0;

	constructor(bins: BinGrid, candleCount: number, columnTimes: (candlesPerColumn: number) => number[]) {
		const candlesPerColumn = Math.max(1, Math.ceil(candleCount / MAX_HISTORY_COLUMNS));
		const times = columnTimes(candlesPerColumn);
		this.#grid = {
			columnTimes: times,
			candlesPerColumn,
			priceMin: bins.priceMin,
			binWidth: bins.binWidth,
			binCount: bins.binCount,
			long: new Float32Array(times.length * bins.binCount),
			short: new Float32Array(times.length * bins.binCount),
			maxCell: 0
		};
	}

	/** The engine to follow: it tracks this grid's bins from now on (attach before its first candle). */
	attach(engine: LiquidationEngine): void {
		engine.trackBins(this.#grid);
	}

	/** Call after candle `index` (0-based) has been added to the attached engine. */
	afterCandle(index: number, engine: LiquidationEngine, isLast: boolean): void {
		const grid = this.#grid;
		if ((index + 1) % grid.candlesPerColumn !== 0 && !isLast) return;
		const { long: runningLong, short: runningShort } = engine.trackedBins();
		const scale = engine.scale;
		const offset = this.#column * grid.binCount;
		for (let bin = 0; bin < grid.binCount; bin++) {
			const long = runningLong[bin] * scale;
			const short = runningShort[bin] * scale;
			grid.long[offset + bin] = long;
			grid.short[offset + bin] = short;
			if (long > grid.maxCell) grid.maxCell = long;
			if (short > grid.maxCell) grid.maxCell = short;
		}
		this.#column++;
	}

	get grid(): HistoryGrid {
		return this.#grid;
	}
}
