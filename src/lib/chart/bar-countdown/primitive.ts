/**
 * The countdown to the bar close as a price-axis label under the last price (as TradingView shows it), ticking once a
 * second while live data is shown. Its time comes from the injected clock (`options.now`).
 */
import type { ISeriesPrimitiveAxisView } from 'lightweight-charts';
import type { LiveOverlayData } from '../common/live-data.ts';
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import { countdownText, defaults, type BarCountdownOptions } from './options.ts';
import { BarCountdownView } from './view.ts';

const TICK_MS = 1_000;

export class BarCountdown extends OverlayPrimitive<BarCountdownOptions, BarCountdownView> {
	#barMs: number | null = null;
	#timer: ReturnType<typeof setInterval> | null = null;
	#text = '';

	constructor(options: BarCountdownOptions = {}) {
		super(defaults, options, (overlay: BarCountdown) => new BarCountdownView(overlay));
	}

	get text(): string {
		return this.#text;
	}

	setData(data: LiveOverlayData): void {
		this.#barMs = data.available ? data.barMs : null;
		this.#tick();
	}

	priceAxisViews(): readonly ISeriesPrimitiveAxisView[] {
		return [this.view];
	}

	protected override optionsChanged(): void {
		this.#tick();
	}

	#tick(): void {
		const running = this.#barMs !== null && this.options.visible && this.attachedTo !== null;
		const text = running ? countdownText(this.options.now(), this.#barMs!) : '';
		if (text !== this.#text) {
			this.#text = text;
			this.options.onText(text);
			this.requestUpdate();
		}
		if (running && this.#timer === null) this.#timer = setInterval(() => this.#tick(), TICK_MS);
		if (!running) this.dispose();
	}

	override attached(param: Parameters<OverlayPrimitive<BarCountdownOptions>['attached']>[0]): void {
		super.attached(param);
		this.#tick();
	}

	override detached(): void {
		super.detached();
		this.dispose();
	}

	/** Stops the ticking (the chart goes away). */
	dispose(): void {
		if (this.#timer !== null) clearInterval(this.#timer);
		this.#timer = null;
	}
}
