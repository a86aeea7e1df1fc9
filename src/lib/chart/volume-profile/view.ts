/**
 * Computes the profile of the visible bars when they change (a pan by a whole bar, a zoom, new data), and on every
 * update turns its bins into media-pixel rows.
 */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, PrimitivePaneViewZOrder } from 'lightweight-charts';
import { volumeProfile, type VolumeProfile } from '$lib/core/confluence/volume.ts';
import { profileWidth } from './options.ts';
import type { VolumeProfileOverlay } from './primitive.ts';
import { VolumeProfileRenderer } from './renderer.ts';

/** Bins in media px, written here, painted by the renderer. */
export class ProfileRows {
	count = 0;
	topMedia = new Float32Array(0);
	bottomMedia = new Float32Array(0);
	lengthMedia = new Float32Array(0);
	/** 0 outside the value area, 1 inside, 2 the POC. */
	kind = new Uint8Array(0);

	reserve(size: number): void {
		if (this.topMedia.length >= size) return;
		this.topMedia = new Float32Array(size);
		this.bottomMedia = new Float32Array(size);
		this.lengthMedia = new Float32Array(size);
		this.kind = new Uint8Array(size);
	}
}

export class VolumeProfileView implements IPrimitivePaneView {
	readonly #source: VolumeProfileOverlay;
	readonly #rows = new ProfileRows();
	readonly #renderer: VolumeProfileRenderer;
	#profile: VolumeProfile | null = null;
	#pocLabel = '';
	#cachedFrom = -1;
	#cachedTo = -1;
	#cachedVersion = -1;

	constructor(source: VolumeProfileOverlay) {
		this.#source = source;
		this.#renderer = new VolumeProfileRenderer(source, this.#rows);
	}

	zOrder(): PrimitivePaneViewZOrder {
		return 'bottom';
	}

	update(): void {
		const rows = this.#rows;
		const labels = this.#source.labels;
		rows.count = 0;
		labels.clear();
		const attached = this.#source.attachedTo;
		const options = this.#source.options;
		const candles = this.#source.candles;
		if (!attached || !options.visible || candles.length === 0) return;
		const range = attached.chart.timeScale().getVisibleLogicalRange();
		if (!range) return;
		const from = Math.max(0, Math.ceil(range.from));
		const to = Math.min(candles.length - 1, Math.floor(range.to));
		if (to < from) return;
		if (from !== this.#cachedFrom || to !== this.#cachedTo || this.#source.version !== this.#cachedVersion) {
			this.#profile = volumeProfile(candles.slice(from, to + 1), options.binCount);
			this.#pocLabel = this.#profile ? `POC ${options.formatPrice(this.#profile.pocPrice)}` : '';
			[this.#cachedFrom, this.#cachedTo, this.#cachedVersion] = [from, to, this.#source.version];
		}
		const profile = this.#profile;
		if (!profile || profile.total <= 0) return;

		const series = attached.series;
		const pane = attached.chart.paneSize(series.getPane().paneIndex());
		const width = profileWidth(options.widthPx, pane.width);
		const bins = profile.volumes.length;
		rows.reserve(bins);
		let largest = 0;
		for (let b = 0; b < bins; b++) if (profile.volumes[b] > largest) largest = profile.volumes[b];
		const pocBin = Math.floor((profile.pocPrice - profile.priceMin) / profile.binWidth);
		let pocY = 0;
		let pocLength = 0;
		for (let b = 0; b < bins; b++) {
			const low = profile.priceMin + b * profile.binWidth;
			const top = series.priceToCoordinate(low + profile.binWidth);
			const bottom = series.priceToCoordinate(low);
			if (top === null || bottom === null) continue;
			const k = rows.count++;
			rows.topMedia[k] = top;
			rows.bottomMedia[k] = bottom;
			rows.lengthMedia[k] = (profile.volumes[b] / largest) * width;
			const inValueArea = low >= profile.valueAreaLow - 1e-9 && low + profile.binWidth <= profile.valueAreaHigh + 1e-9;
			rows.kind[k] = b === pocBin ? 2 : inValueArea ? 1 : 0;
			if (b === pocBin) [pocY, pocLength] = [(top + bottom) / 2, rows.lengthMedia[k]];
		}
		labels.push(this.#pocLabel, pocLength + 4, pocY, 'left', options.pocColour, 0, 1);
	}

	renderer(): IPrimitivePaneRenderer {
		return this.#renderer;
	}
}
