/**
 * Liquidation bands: a series primitive on the candlestick series that paints one full-width band per price bin,
 * coloured by the bin's scaled intensity, and outlines a selected cluster. It holds the data and options; the view
 * turns prices into pixels on pan/zoom; the renderer paints.
 */
import type { AutoscaleInfo } from 'lightweight-charts';
import type { Side } from '$lib/core/types.ts';
import type { BinLevels } from '../common/bin-levels.ts';
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
	 * Distant levels must never widen the price scale: the candles decide it. The one exception is a cluster the user
	 * picked, which the scale widens to include so that its outline is on screen.
	 */
	override autoscaleInfo(): AutoscaleInfo | null {
		const highlight = this.#highlight;
		return highlight ? { priceRange: { minValue: highlight.low, maxValue: highlight.high } } : null;
	}

	setLevels(levels: BinLevels | null): void {
		this.#levels = levels;
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
