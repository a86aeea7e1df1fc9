/** Turns the band and the levels into media-pixel rows (on pan/zoom and resize). */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, PrimitivePaneViewZOrder } from 'lightweight-charts';
import type { PaneGuides } from './primitive.ts';
import { PaneGuidesRenderer } from './renderer.ts';

export interface GuideRows {
	bandTopMedia: number;
	bandBottomMedia: number;
	levelCount: number;
	levelMedia: Float32Array;
}

export class PaneGuidesView implements IPrimitivePaneView {
	readonly #source: PaneGuides;
	readonly #rows: GuideRows = { bandTopMedia: NaN, bandBottomMedia: NaN, levelCount: 0, levelMedia: new Float32Array(8) };
	readonly #renderer: PaneGuidesRenderer;

	constructor(source: PaneGuides) {
		this.#source = source;
		this.#renderer = new PaneGuidesRenderer(source, this.#rows);
	}

	zOrder(): PrimitivePaneViewZOrder {
		return 'bottom';
	}

	update(): void {
		const rows = this.#rows;
		rows.bandTopMedia = NaN;
		rows.levelCount = 0;
		const attached = this.#source.attachedTo;
		if (!attached) return;
		const { band, levels } = this.#source.options;
		const series = attached.series;
		if (band) {
			const top = series.priceToCoordinate(band[1]);
			const bottom = series.priceToCoordinate(band[0]);
			if (top !== null && bottom !== null) [rows.bandTopMedia, rows.bandBottomMedia] = [top, bottom];
		}
		for (const level of levels) {
			const y = series.priceToCoordinate(level);
			if (y !== null && rows.levelCount < rows.levelMedia.length) rows.levelMedia[rows.levelCount++] = y;
		}
	}

	renderer(): IPrimitivePaneRenderer {
		return this.#renderer;
	}
}
