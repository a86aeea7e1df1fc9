/**
 * Liquidation bands: a series primitive on the candlestick series that paints one full-width band per price bin,
 * coloured by the bin's scaled intensity, and outlines a selected cluster. It holds the data and options; the view
 * turns prices into pixels on pan/zoom; the renderer paints.
 */
import type {
	AutoscaleInfo,
	IPrimitivePaneView,
	ISeriesPrimitive,
	SeriesAttachedParameter,
	Time
} from 'lightweight-charts';
import type { Side } from '$lib/core/types.ts';
import type { BinLevels } from '../common/bin-levels.ts';
import { ColourTable } from '../common/colour-table.ts';
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

export class LiquidationBands implements ISeriesPrimitive<Time> {
	#options: Required<LiquidationBandsOptions>;
	#levels: BinLevels | null = null;
	#highlight: BandHighlight | null = null;
	#attached: SeriesAttachedParameter<Time> | null = null;
	#colours: ColourTable;
	readonly #colourOf: ColourOf;
	readonly #view: LiquidationBandsView;
	readonly #paneViews: readonly IPrimitivePaneView[];

	constructor(colourOf: ColourOf, options: LiquidationBandsOptions = {}) {
		this.#options = { ...defaults, ...options };
		this.#colourOf = colourOf;
		this.#colours = new ColourTable(colourOf, this.#options.opacity);
		this.#view = new LiquidationBandsView(this);
		this.#paneViews = [this.#view];
	}

	get attachedTo(): SeriesAttachedParameter<Time> | null {
		return this.#attached;
	}
	get levels(): BinLevels | null {
		return this.#levels;
	}
	get highlight(): BandHighlight | null {
		return this.#highlight;
	}
	get options(): Readonly<Required<LiquidationBandsOptions>> {
		return this.#options;
	}
	get colours(): ColourTable {
		return this.#colours;
	}

	attached(param: SeriesAttachedParameter<Time>): void {
		this.#attached = param;
	}

	detached(): void {
		this.#attached = null;
	}

	updateAllViews(): void {
		this.#view.update();
	}

	paneViews(): readonly IPrimitivePaneView[] {
		return this.#paneViews;
	}

	/**
	 * Distant levels must never widen the price scale: the candles decide it. The one exception is a cluster the user
	 * picked, which the scale widens to include so that its outline is on screen.
	 */
	autoscaleInfo(): AutoscaleInfo | null {
		const highlight = this.#highlight;
		return highlight ? { priceRange: { minValue: highlight.low, maxValue: highlight.high } } : null;
	}

	setLevels(levels: BinLevels | null): void {
		this.#levels = levels;
		this.#attached?.requestUpdate();
	}

	setHighlight(highlight: BandHighlight | null): void {
		this.#highlight = highlight;
		this.#attached?.requestUpdate();
	}

	applyOptions(options: LiquidationBandsOptions): void {
		const opacityChanged = options.opacity !== undefined && options.opacity !== this.#options.opacity;
		this.#options = { ...this.#options, ...options };
		if (opacityChanged) this.#colours = new ColourTable(this.#colourOf, this.#options.opacity);
		this.#attached?.requestUpdate();
	}
}
