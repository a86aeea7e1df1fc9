/**
 * Liquidation bands: a series primitive on the candlestick series that paints one full-width band per price bin,
 * coloured by the bin's scaled intensity, and outlines a selected cluster. It holds the data and options; the view
 * turns prices into pixels on pan/zoom; the renderer paints.
 */
import type { AutoscaleInfo, Logical } from 'lightweight-charts';
import type { Side } from '$lib/core/types.ts';
import type { BinLevels } from '../common/bin-levels.ts';
import type { PriceRange } from '../common/view-clusters.ts';
import { ColourTable } from '../common/colour-table.ts';
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import type { ColourOf } from '../common/types.ts';
import { defaults, type LiquidationBandsOptions } from './options.ts';
import { LiquidationBandsView } from './view.ts';

/** A price range to outline on the chart, e.g. the cluster picked in the list. */
export interface BandHighlight {
	side: Side;
	/** Lower and upper edge (USDT). */
	low: number;
	high: number;
	label: string;
}

export class LiquidationBands extends OverlayPrimitive<LiquidationBandsOptions> {
	#levels: BinLevels | null = null;
	#highlight: BandHighlight | null = null;
	/** The clusters the default view must show (`view-clusters.ts`), and the index of the newest bar. */
	#viewRange: PriceRange | null = null;
	#newestIndex = 0;
	/** Prices the scale must include for one screenshot (the exported plan lines). */
	#extraPrices: readonly number[] = [];
	#colours: ColourTable;
	readonly #colourOf: ColourOf;

	constructor(colourOf: ColourOf, options: LiquidationBandsOptions = {}) {
		super(defaults, options, (overlay: LiquidationBands) => new LiquidationBandsView(overlay));
		this.#colourOf = colourOf;
		this.#colours = new ColourTable(colourOf, this.options.opacity);
	}

	get levels(): BinLevels | null {
		return this.#levels;
	}
	get highlight(): BandHighlight | null {
		return this.#highlight;
	}
	get colours(): ColourTable {
		return this.#colours;
	}

	/**
	 * Distant levels must never widen the price scale: the candles decide it. Two exceptions: while the newest bar is in
	 * view, the strongest cluster per side within reach (`strongestInReach`), so the default view shows what matters;
	 * and a cluster the user picked, so that its outline is on screen.
	 */
	override autoscaleInfo(_from: Logical, to: Logical): AutoscaleInfo | null {
		let low = Infinity;
		let high = -Infinity;
		if (this.#viewRange && to >= this.#newestIndex) {
			low = this.#viewRange.low;
			high = this.#viewRange.high;
		}
		if (this.#highlight) {
			low = Math.min(low, this.#highlight.low);
			high = Math.max(high, this.#highlight.high);
		}
		for (const price of this.#extraPrices) {
			low = Math.min(low, price);
			high = Math.max(high, price);
		}
		return low <= high ? { priceRange: { minValue: low, maxValue: high } } : null;
	}

	/** The price range the scale includes while the newest bar (`newestIndex`, a logical index) is in view. */
	setViewRange(range: PriceRange | null, newestIndex: number): void {
		this.#viewRange = range;
		this.#newestIndex = newestIndex;
		this.requestUpdate();
	}

	setLevels(levels: BinLevels | null): void {
		this.#levels = levels;
		this.requestUpdate();
	}

	setExtraPrices(prices: readonly number[]): void {
		this.#extraPrices = prices.filter((price) => Number.isFinite(price) && price > 0);
		this.requestUpdate();
	}

	setHighlight(highlight: BandHighlight | null): void {
		this.#highlight = highlight;
		this.requestUpdate();
	}

	protected override optionsChanged(): void {
		if (this.#colours.opacity !== this.options.opacity) this.#colours = new ColourTable(this.#colourOf, this.options.opacity);
	}
}
