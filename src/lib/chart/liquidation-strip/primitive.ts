/**
 * Liquidation-map strip: a narrow profile along the right edge of the price pane with one bar of intensity per price
 * bin, plus the cumulative long notional from the last close downwards and the cumulative short notional upwards
 * (how much would be liquidated if price travelled to that level).
 */
import { binAt, type BinLevels } from '../common/bin-levels.ts';
import { ColourTable } from '../common/colour-table.ts';
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import type { ColourOf } from '../common/types.ts';
import { defaults, type LiquidationStripOptions } from './options.ts';
import { LiquidationStripView } from './view.ts';

/**
 * Cumulative notional per bin (USDT): longs summed from the last close's bin downwards, shorts upwards; -1 where the
 * curve does not run (longs above the close, shorts below).
 */
export interface CumulativeCurves {
	long: Float64Array;
	short: Float64Array;
}

export class LiquidationStrip extends OverlayPrimitive<LiquidationStripOptions> {
	#levels: BinLevels | null = null;
	#curves: CumulativeCurves | null = null;
	readonly #colours: ColourTable;

	constructor(colourOf: ColourOf, options: LiquidationStripOptions = {}) {
		super(defaults, options, (overlay: LiquidationStrip) => new LiquidationStripView(overlay));
		this.#colours = new ColourTable(colourOf);
	}

	get levels(): BinLevels | null {
		return this.#levels;
	}
	get curves(): CumulativeCurves | null {
		return this.#curves;
	}
	get colours(): ColourTable {
		return this.#colours;
	}

	/** @param lastClose the price the cumulative curves start from (USDT) */
	setLevels(levels: BinLevels | null, lastClose: number): void {
		this.#levels = levels;
		this.#curves = levels ? cumulativeCurves(levels, lastClose) : null;
		this.requestUpdate();
	}
}

function cumulativeCurves(levels: BinLevels, lastClose: number): CumulativeCurves {
	const long = new Float64Array(levels.count).fill(-1);
	const short = new Float64Array(levels.count).fill(-1);
	const closeBin = binAt(levels, lastClose);
	if (closeBin < 0) return { long, short };
	let longTotal = 0;
	for (let bin = closeBin; bin >= 0; bin--) {
		longTotal += levels.longNotional[bin];
		long[bin] = longTotal;
	}
	let shortTotal = 0;
	for (let bin = closeBin; bin < levels.count; bin++) {
		shortTotal += levels.shortNotional[bin];
		short[bin] = shortTotal;
	}
	return { long, short };
}
