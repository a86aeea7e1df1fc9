/**
 * The time-evolving map ("history mode"): open notional per price bin at the end of every column of
 * `candlesPerColumn` candles, each level counted from the candle that opened it until the candle that liquidated it.
 *
 * Built in the same pass as the engine: the builder listens to level openings and removals and keeps a running sum
 * of stored units per bin; at a column's last candle it writes running units × the engine's scale (USDT). Cost:
 * O(levels + columns × bins). Columns and bins are capped so the grid stays a few MB.
 */
import type { LevelListener } from './liquidation-engine.ts';
import { binIndex, type BinGrid } from './price-bins.ts';
import type { HistoryGrid, Side } from '../types.ts';

export const MAX_HISTORY_COLUMNS = 1500;
export const MAX_HISTORY_BINS = 600;

export class HistoryGridBuilder implements LevelListener {
	readonly #bins: BinGrid;
	readonly #runningLong: Float64Array;
	readonly #runningShort: Float64Array;
	readonly #grid: HistoryGrid;
	#column = 0;

	constructor(bins: BinGrid, candleCount: number, columnTimes: (candlesPerColumn: number) => number[]) {
		const candlesPerColumn = Math.max(1, Math.ceil(candleCount / MAX_HISTORY_COLUMNS));
		const times = columnTimes(candlesPerColumn);
		this.#bins = bins;
		this.#runningLong = new Float64Array(bins.binCount);
		this.#runningShort = new Float64Array(bins.binCount);
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

	opened(side: Side, price: number, units: number): void {
		const bin = binIndex(this.#bins, price);
		if (bin >= 0) (side === 'long' ? this.#runningLong : this.#runningShort)[bin] += units;
	}

	removed(side: Side, price: number, units: number): void {
		const bin = binIndex(this.#bins, price);
		if (bin < 0) return;
		const running = side === 'long' ? this.#runningLong : this.#runningShort;
		running[bin] = Math.max(0, running[bin] - units);
	}

	rescaled(factor: number): void {
		for (let i = 0; i < this.#bins.binCount; i++) {
			this.#runningLong[i] *= factor;
			this.#runningShort[i] *= factor;
		}
	}

	/** Call after candle `index` (0-based) has been added to the engine, with the engine's current scale. */
	afterCandle(index: number, scale: number, isLast: boolean): void {
		const grid = this.#grid;
		if ((index + 1) % grid.candlesPerColumn !== 0 && !isLast) return;
		const offset = this.#column * grid.binCount;
		for (let bin = 0; bin < grid.binCount; bin++) {
			const long = this.#runningLong[bin] * scale;
			const short = this.#runningShort[bin] * scale;
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
