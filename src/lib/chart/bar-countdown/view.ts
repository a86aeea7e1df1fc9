/** The countdown's price-axis label: placed under the last price's label; it paints nothing in the pane. */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, ISeriesPrimitiveAxisView } from 'lightweight-charts';
import type { BarCountdown } from './primitive.ts';

export class BarCountdownView implements IPrimitivePaneView, ISeriesPrimitiveAxisView {
	readonly #source: BarCountdown;
	#coordinate = -1;

	constructor(source: BarCountdown) {
		this.#source = source;
	}

	update(): void {
		this.#coordinate = -1;
		const attached = this.#source.attachedTo;
		if (!attached || !this.#source.text) return;
		const last = attached.series.lastValueData(true);
		const y = last.noData ? null : attached.series.priceToCoordinate(last.price);
		if (y !== null) this.#coordinate = y + this.#source.options.offsetPx;
	}

	renderer(): IPrimitivePaneRenderer | null {
		return null;
	}

	coordinate(): number {
		return this.#coordinate;
	}
	text(): string {
		return this.#source.text;
	}
	textColor(): string {
		return this.#source.options.textColour;
	}
	backColor(): string {
		return this.#source.options.backColour;
	}
	visible(): boolean {
		return this.#coordinate >= 0 && this.#source.text !== '';
	}
	tickVisible(): boolean {
		return false;
	}
}
