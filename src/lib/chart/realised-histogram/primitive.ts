/**
 * Realised liquidations per price bin over the visible time range, beside the predicted strip (`options.ts`). The
 * prints are summed per bin and side in the view's `update()` (on pan/zoom and new prints), never per frame.
 */
import type { BinLevels } from '../common/bin-levels.ts';
import type { LiveOverlayData, PrintMark } from '../common/live-data.ts';
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import { defaults, type RealisedHistogramOptions } from './options.ts';
import { RealisedHistogramView } from './view.ts';

export class RealisedHistogram extends OverlayPrimitive<RealisedHistogramOptions> {
	#prints: readonly PrintMark[] = [];
	#levels: BinLevels | null = null;
	#barMs = 60_000;

	constructor(options: RealisedHistogramOptions = {}) {
		super(defaults, options, (overlay: RealisedHistogram) => new RealisedHistogramView(overlay));
	}

	get prints(): readonly PrintMark[] {
		return this.#prints;
	}
	get levels(): BinLevels | null {
		return this.#levels;
	}
	get barMs(): number {
		return this.#barMs;
	}

	setData(data: LiveOverlayData): void {
		this.#prints = data.available ? data.prints : [];
		this.#levels = data.levels;
		this.#barMs = data.barMs;
		this.requestUpdate();
	}
}
