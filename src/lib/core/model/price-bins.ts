/**
 * Price bins of the liquidation map. The automatic width is a "nice" number (1, 2 or 5 × 10^k USDT) close to
 * 0.1 % of the price: $100 bins at BTC = 100,000, narrower than the 0.6 % between a 100x entry and its liquidation
 * price, so tiers stay apart. A user-set width overrides it; the count is capped so the map stays small.
 */
export const MAX_BINS = 4000;

/** A 1/2/5 × 10^k width near `fraction` of `price` (USDT). */
export function autoBinWidth(price: number, fraction = 0.001): number {
	if (!(price > 0)) throw new RangeError(`price ${price} must be positive`);
	const target = price * fraction;
	const decade = Math.pow(10, Math.floor(Math.log10(target)));
	const steps = [1, 2, 5, 10].map((step) => step * decade);
	return steps.reduce((best, step) => (Math.abs(Math.log(step / target)) < Math.abs(Math.log(best / target)) ? step : best));
}

/** Engine cells per map bin. */
export const CELLS_PER_BIN = 8;

/**
 * The liquidation engine's cell width (USDT): 1/8 of the map's bin width (the user's, or the automatic one at
 * `price`), about 0.0125 % of the price, so that every bin is a whole number of cells.
 */
export function cellWidthFor(price: number, binWidth?: number | null): number {
	return (binWidth || autoBinWidth(price)) / CELLS_PER_BIN;
}

export interface BinGrid {
	priceMin: number;
	binWidth: number;
	binCount: number;
}

/** A grid of whole bins covering `[low, high]`, widened (doubling the width) if it would exceed `MAX_BINS`. */
export function binGrid(low: number, high: number, binWidth: number): BinGrid {
	let width = binWidth;
	for (;;) {
		const priceMin = Math.floor(low / width) * width;
		const binCount = Math.max(1, Math.floor((high - priceMin) / width) + 1);
		if (binCount <= MAX_BINS) return { priceMin, binWidth: width, binCount };
		width *= 2;
	}
}

/** Bin index of a price, or −1 outside the grid. */
export function binIndex(grid: BinGrid, price: number): number {
	const bin = Math.floor((price - grid.priceMin) / grid.binWidth);
	return bin >= 0 && bin < grid.binCount ? bin : -1;
}
