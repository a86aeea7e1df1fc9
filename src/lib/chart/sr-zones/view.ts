/** Turns the zones inside the visible price range into media-pixel boxes and label candidates; runs on pan/zoom. */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, Logical, PrimitivePaneViewZOrder } from 'lightweight-charts';
import type { SrZones } from './primitive.ts';
import { SrZonesRenderer } from './renderer.ts';

/** Visible zones in media px: index into the primitive's zones, left edge, top and bottom. */
export class VisibleZones {
	count = 0;
	zone = new Int32Array(0);
	leftMedia = new Float32Array(0);
	topMedia = new Float32Array(0);
	bottomMedia = new Float32Array(0);
	rightMedia = 0;

	reserve(size: number): void {
		if (this.zone.length >= size) return;
		this.zone = new Int32Array(size);
		this.leftMedia = new Float32Array(size);
		this.topMedia = new Float32Array(size);
		this.bottomMedia = new Float32Array(size);
	}
}

export class SrZonesView implements IPrimitivePaneView {
	readonly #source: SrZones;
	readonly #visible = new VisibleZones();
	readonly #renderer: SrZonesRenderer;

	constructor(source: SrZones) {
		this.#source = source;
		this.#renderer = new SrZonesRenderer(source, this.#visible);
	}

	zOrder(): PrimitivePaneViewZOrder {
		return 'bottom';
	}

	update(): void {
		const visible = this.#visible;
		const labels = this.#source.labels;
		visible.count = 0;
		labels.clear();
		const attached = this.#source.attachedTo;
		const { visible: shown, rgb, rightClearance, maxZones, pxPerZone } = this.#source.options;
		if (!attached || !shown) return;
		const zones = this.#source.zones;
		visible.reserve(zones.length);
		const { series, chart } = attached;
		const pane = chart.paneSize(series.getPane().paneIndex());
		const timeScale = chart.timeScale();
		visible.rightMedia = pane.width - rightClearance(pane.width);
		const labelColour = `rgb(${rgb[0]},${rgb[1]},${rgb[2]})`;
		// Zones come strongest first: the weaker ones in view give way when the pane would get crowded.
		const limit = Math.max(2, Math.min(maxZones, Math.floor(pane.height / pxPerZone)));
		for (let i = 0; i < zones.length && visible.count < limit; i++) {
			const zone = zones[i];
			const top = series.priceToCoordinate(zone.high);
			const bottom = series.priceToCoordinate(zone.low);
			if (top === null || bottom === null || bottom < 0 || top > pane.height) continue;
			const start = timeScale.logicalToCoordinate(zone.startIndex as Logical);
			const left = start === null ? 0 : Math.max(0, start);
			if (left >= visible.rightMedia) continue;
			const k = visible.count++;
			visible.zone[k] = i;
			visible.leftMedia[k] = left;
			visible.topMedia[k] = top;
			visible.bottomMedia[k] = bottom;
			labels.push(zone.label, visible.rightMedia - 6, (top + bottom) / 2, 'right', labelColour, 0, 2);
		}
	}

	renderer(): IPrimitivePaneRenderer {
		return this.#renderer;
	}
}
