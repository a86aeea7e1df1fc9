/**
 * What every overlay primitive of this chart shares: options merged over defaults, the attachment to its series,
 * one pane view updated on pan/zoom, no influence on the price scale, and a repaint request when data or options
 * change. A concrete overlay adds its data setters and hands its view in through `super`.
 */
import type { AutoscaleInfo, IPrimitivePaneView, ISeriesPrimitive, Logical, SeriesAttachedParameter, Time } from 'lightweight-charts';

/** A pane view whose `update()` turns prices and times into coordinates (called on pan/zoom, not every frame). */
export interface UpdatableView extends IPrimitivePaneView {
	update(): void;
}

export abstract class OverlayPrimitive<Options extends object, View extends UpdatableView = UpdatableView> implements ISeriesPrimitive<Time> {
	#options: Required<Options>;
	#attached: SeriesAttachedParameter<Time> | null = null;
	readonly #views: readonly View[];

	/** `makeView` receives the overlay itself (fields of the subclass are not set yet: the view must only keep it). */
	protected constructor(defaults: Required<Options>, options: Options, makeView: (overlay: never) => View) {
		this.#options = { ...defaults, ...options };
		this.#views = [makeView(this as never)];
	}

	/** The overlay's pane view, for overlays that ask it for what it placed. */
	protected get view(): View {
		return this.#views[0];
	}

	get attachedTo(): SeriesAttachedParameter<Time> | null {
		return this.#attached;
	}

	get options(): Readonly<Required<Options>> {
		return this.#options;
	}

	attached(param: SeriesAttachedParameter<Time>): void {
		this.#attached = param;
	}

	detached(): void {
		this.#attached = null;
	}

	updateAllViews(): void {
		for (const view of this.#views) view.update();
	}

	paneViews(): readonly IPrimitivePaneView[] {
		return this.#views;
	}

	/** Overlays never widen the price scale by default: distant levels must not squash the candles. */
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	autoscaleInfo(_from: Logical, _to: Logical): AutoscaleInfo | null {
		return null;
	}

	applyOptions(options: Partial<Options>): void {
		const previous = this.#options;
		this.#options = { ...previous, ...options };
		this.optionsChanged(previous);
		this.requestUpdate();
	}

	/** Hook for overlays that cache something derived from their options. */
	protected optionsChanged(previous: Readonly<Required<Options>>): void {}

	protected requestUpdate(): void {
		this.#attached?.requestUpdate();
	}
}
