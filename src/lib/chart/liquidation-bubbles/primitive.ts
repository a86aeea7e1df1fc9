/**
 * Realised liquidation prints as bubbles on the candles: at the print's bar and price, area ∝ notional
 * (`options.ts`), teal for longs liquidated, violet for shorts. Only the visible bars' prints are placed. `hit(x, y)`
 * finds the print under the pointer for the hover readout.
 */
import type { LiveOverlayData, PrintMark } from '../common/live-data.ts';
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import { defaults, type LiquidationBubblesOptions } from './options.ts';
import { LiquidationBubblesView } from './view.ts';

export class LiquidationBubbles extends OverlayPrimitive<LiquidationBubblesOptions, LiquidationBubblesView> {
	#prints: readonly PrintMark[] = [];
	#barMs = 60_000;

	constructor(options: LiquidationBubblesOptions = {}) {
		super(defaults, options, (overlay: LiquidationBubbles) => new LiquidationBubblesView(overlay));
	}

	get prints(): readonly PrintMark[] {
		return this.#prints;
	}
	get barMs(): number {
		return this.#barMs;
	}

	setData(data: LiveOverlayData): void {
		this.#prints = data.available ? data.prints : [];
		this.#barMs = data.barMs;
		this.requestUpdate();
	}

	/** The print whose bubble is under media point (x, y), the nearest centre first; null when none. */
	hit(x: number, y: number): PrintMark | null {
		return this.options.visible ? this.view.hit(x, y) : null;
	}
}
