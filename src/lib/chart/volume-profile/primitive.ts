/**
 * Volume profile of the visible range: the volume traded at each price (core `volumeProfile`) over the candles in
 * view, drawn as horizontal bars from the left edge of the price pane, the value area brighter and the point of
 * control (POC) in amber with its price. Recomputed only when the visible bars change, never widening the scale.
 */
import type { IPrimitivePaneView, ISeriesPrimitive, SeriesAttachedParameter, Time } from 'lightweight-charts';
import type { Candle } from '$lib/core/types.ts';
import { LabelList, type LabelSource } from '../common/label-list.ts';
import { defaults, type VolumeProfileOptions } from './options.ts';
import { VolumeProfileView } from './view.ts';

export class VolumeProfileOverlay implements ISeriesPrimitive<Time>, LabelSource {
	#options: Required<VolumeProfileOptions>;
	#candles: readonly Candle[] = [];
	/** Bumped when the candles change, so the view knows its cached profile is stale. */
	#version = 0;
	#attached: SeriesAttachedParameter<Time> | null = null;
	readonly labels = new LabelList();
	readonly #view: VolumeProfileView;
	readonly #paneViews: readonly IPrimitivePaneView[];

	constructor(options: VolumeProfileOptions = {}) {
		this.#options = { ...defaults, ...options };
		this.#view = new VolumeProfileView(this);
		this.#paneViews = [this.#view];
	}

	get attachedTo(): SeriesAttachedParameter<Time> | null {
		return this.#attached;
	}
	get candles(): readonly Candle[] {
		return this.#candles;
	}
	get version(): number {
		return this.#version;
	}
	get options(): Readonly<Required<VolumeProfileOptions>> {
		return this.#options;
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

	autoscaleInfo(): null {
		return null;
	}

	setCandles(candles: readonly Candle[]): void {
		this.#candles = candles;
		this.#version++;
		this.#attached?.requestUpdate();
	}

	applyOptions(options: VolumeProfileOptions): void {
		this.#options = { ...this.#options, ...options };
		this.#version++;
		this.#attached?.requestUpdate();
	}
}
