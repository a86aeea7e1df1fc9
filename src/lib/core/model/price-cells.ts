/**
 * The liquidation engine's storage: open notional (in engine units, × the engine's scale for USDT) summed per price
 * CELL and side. Cell k covers [k·w, (k+1)·w) USDT; slot s of the arrays holds cell `origin + s`. Per side: one
 * Float64Array of units, occupancy bits (bit s & 31 of word s >> 5 set while the cell holds units, so scans skip empty
 * cells 32 at a time) and the occupied slot range.
 *
 * The cells cover the levels' price range only, growing at either end (doubling); past `MAX_CELLS / 2` cells of span
 * they merge in pairs (w doubles), so memory is bounded whatever the prices: at most `MAX_CELLS` per side (8 MB).
 * History mode can track units per bin of a fixed grid alongside (`trackBins`); each cell counts in the bin of its
 * centre. Merging moves centres by up to half a (new) cell; tracked bins are clamped at zero.
 */
import type { BinGrid } from './price-bins.ts';
import type { LiquidationMap, Side } from '../types.ts';

/** Most cells per side: 8 MB each; beyond, cells merge in pairs. */
export const MAX_CELLS = 1 << 20;
/** Cells allocated at the first level, centred on it. */
const INITIAL_CELLS = 4096;
/** Slot bounds of an empty side (small integers, so the fields stay integers in the hot loop). */
export const EMPTY_LOW = 0x3fffffff;
export const EMPTY_HIGH = -1;

/** One side's cells: stored units per slot and the occupied slot range (low > high when empty). */
export interface SideCells {
	units: Float64Array;
	low: number;
	high: number;
	/** Occupancy: bit (slot & 31) of word (slot >> 5) is set while the cell holds units. */
	bits: Int32Array;
	/** Units per tracked bin (history mode), empty when not tracked. */
	bins: Float64Array;
}

const emptySide = (): SideCells => ({
	units: new Float64Array(0),
	low: EMPTY_LOW,
	high: EMPTY_HIGH,
	bits: new Int32Array(0),
	bins: new Float64Array(0)
});

export class PriceCells {
	/** Cell width (USDT), 0 until set. */
	width = 0;
	inverse = 0;
	/** Cell index of slot 0. */
	origin = 0;
	readonly long = emptySide();
	readonly short = emptySide();
	/** Bins tracked for history mode (`trackBins`), or null. */
	binGrid: BinGrid | null = null;

	setWidth(width: number): void {
		if (!(width > 0 && Number.isFinite(width))) throw new RangeError(`cell width ${width} must be a positive number of USDT`);
		this.width = width;
		this.inverse = 1 / width;
	}

	/** Cells allocated per side. */
	get capacity(): number {
		return this.long.units.length;
	}

	/** Centre price (USDT) of slot `slot`. */
	centre(slot: number): number {
		return (slot + this.origin + 0.5) * this.width;
	}

	/** Grows (or first allocates) the cells of both sides to hold cell `cell`, merging cells while the span is too wide. */
	cover(cell: number): void {
		let low = cell;
		let high = cell;
		for (const side of [this.long, this.short]) {
			if (side.low > side.high) continue;
			low = Math.min(low, this.origin + side.low);
			high = Math.max(high, this.origin + side.high);
		}
		while (high - low + 1 > MAX_CELLS / 2) {
			this.#coarsen();
			[low, high] = [Math.floor(low / 2), Math.floor(high / 2)];
		}
		const length = Math.min(MAX_CELLS, Math.max(INITIAL_CELLS, 2 * this.long.units.length, 2 * (high - low + 1)));
		const origin = Math.max(low - Math.floor((length - (high - low + 1)) / 2), high + 1 - length);
		this.#relocate(origin, length, this.origin);
	}

	/** Moves both sides' cells to slots of a new origin and length (cells keep their index, or merge in pairs). */
	#relocate(origin: number, length: number, cellOfSlot0: number, merge = false): void {
		for (const side of [this.long, this.short]) {
			const units = new Float64Array(length);
			const bits = new Int32Array((length >> 5) + 1);
			let low = EMPTY_LOW;
			let high = EMPTY_HIGH;
			for (let slot = side.low; slot <= side.high; slot++) {
				if (side.units[slot] === 0) continue;
				const cell = slot + cellOfSlot0;
				const target = (merge ? Math.floor(cell / 2) : cell) - origin;
				units[target] += side.units[slot];
				bits[target >> 5] |= 1 << (target & 31);
				low = Math.min(low, target);
				high = Math.max(high, target);
			}
			[side.units, side.bits, side.low, side.high] = [units, bits, low, high];
		}
		this.origin = origin;
	}

	/** Doubles the cell width: cell k and its neighbour merge into cell floor(k/2). */
	#coarsen(): void {
		const cellOfSlot0 = this.origin;
		this.setWidth(this.width * 2);
		this.#relocate(Math.floor(cellOfSlot0 / 2), this.long.units.length, cellOfSlot0, true);
	}

	/** Keeps units per bin of `grid` from now on (each cell in the bin of its centre). */
	trackBins(grid: BinGrid): void {
		this.binGrid = grid;
		for (const side of [this.long, this.short]) {
			side.bins = new Float64Array(grid.binCount);
			for (let slot = side.low; slot <= side.high; slot++) this.addToBin(side, slot, side.units[slot]);
		}
	}

	addToBin(side: SideCells, slot: number, units: number): void {
		const grid = this.binGrid!;
		const bin = Math.floor((this.centre(slot) - grid.priceMin) / grid.binWidth);
		if (bin >= 0 && bin < grid.binCount) side.bins[bin] = Math.max(0, side.bins[bin] + units);
	}

	/** Multiplies every stored unit (cells and tracked bins) by `factor`. */
	rescale(factor: number): void {
		for (const side of [this.long, this.short]) {
			for (let slot = side.low; slot <= side.high; slot++) side.units[slot] *= factor;
			for (let bin = 0; bin < side.bins.length; bin++) side.bins[bin] *= factor;
		}
	}

	/** Calls `visit(slot, units)` for every occupied cell of a side, skipping empty cells 32 at a time. */
	forEachOccupied(side: SideCells, visit: (slot: number, units: number) => void): void {
		if (side.low > side.high) return;
		for (let word = side.low >> 5; word <= side.high >> 5; word++) {
			let bits = side.bits[word];
			while (bits !== 0) {
				const bit = 31 - Math.clz32(bits);
				bits ^= 1 << bit;
				const slot = (word << 5) + bit;
				visit(slot, side.units[slot]);
			}
		}
	}

	/** Calls `visit` for every occupied cell with its side, centre price and stored units. */
	forEachCell(visit: (side: Side, price: number, units: number) => void): void {
		for (const [name, side] of [['long', this.long], ['short', this.short]] as const)
			this.forEachOccupied(side, (slot, units) => visit(name, this.centre(slot), units));
	}

	/** The price-binned map (USDT = units × `scale`), each cell in the bin of its centre; cells outside are left out. */
	map(priceMin: number, binWidth: number, binCount: number, scale: number): LiquidationMap {
		const long = new Float64Array(binCount);
		const short = new Float64Array(binCount);
		for (const [side, out] of [[this.long, long], [this.short, short]] as const) {
			this.forEachOccupied(side, (slot, units) => {
				const bin = Math.floor((this.centre(slot) - priceMin) / binWidth);
				if (bin >= 0 && bin < binCount) out[bin] += units * scale;
			});
		}
		let maxBin = 0;
		for (let i = 0; i < binCount; i++) maxBin = Math.max(maxBin, long[i], short[i]);
		return { priceMin, binWidth, long, short, maxBin };
	}

	/** The range of the centres of the occupied cells, or null when none is. */
	openRange(): { low: number; high: number } | null {
		let low = EMPTY_LOW;
		let high = EMPTY_HIGH;
		for (const side of [this.long, this.short]) {
			let first = side.low;
			while (first <= side.high && side.units[first] === 0) first++;
			let last = side.high;
			while (last >= first && side.units[last] === 0) last--;
			if (first <= last) [low, high] = [Math.min(low, first), Math.max(high, last)];
		}
		return low <= high ? { low: this.centre(low), high: this.centre(high) } : null;
	}
}
