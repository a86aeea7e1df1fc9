/**
 * Volume profile of the visible range: the volume traded at each price (core `volumeProfile`) over the candles in
 * view, drawn as horizontal bars from the left edge of the price pane, the value area brighter and the point of
 * control (POC) in amber with its price. Recomputed only when the visible bars change, never widening the scale.
 */
import type { Candle } from '$lib/core/types.ts';
import { LabelList, type LabelSource } from '../common/label-list.ts';
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import { defaults, type VolumeProfileOptions } from './options.ts';
import { VolumeProfileView } from './view.ts';

export class VolumeProfileOverlay extends OverlayPrimitive<VolumeProfileOptions> implements LabelSource {
	#candles: readonly Candle[] = [];
	/** Bumped when the candles change, so the view knows its cached profile is stale. */
	#version = 0;
	readonly labels = new LabelList();

	constructor(options: VolumeProfileOptions = {}) {
		super(defaults, options, (overlay: VolumeProfileOverlay) => new VolumeProfileView(overlay));
	}

	get candles(): readonly Candle[] {
		return this.#candles;
	}
	get version(): number {
		return this.#version;
	}

	setCandles(candles: readonly Candle[]): void {
		this.#candles = candles;
		this.#version++;
		this.requestUpdate();
	}

	protected override optionsChanged(): void {
		this.#version++;
	}
}
