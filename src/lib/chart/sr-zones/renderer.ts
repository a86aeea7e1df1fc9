/** Paints the visible zones: a translucent fill and 1-px edges on whole device pixels. */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import type { RenderingTarget } from '../common/types.ts';
import type { SrZones } from './primitive.ts';
import type { VisibleZones } from './view.ts';

export class SrZonesRenderer implements IPrimitivePaneRenderer {
	readonly #source: SrZones;
	readonly #visible: VisibleZones;

	constructor(source: SrZones, visible: VisibleZones) {
		this.#source = source;
		this.#visible = visible;
	}

	draw(target: RenderingTarget): void {
		const visible = this.#visible;
		if (visible.count === 0) return;
		target.useBitmapCoordinateSpace(({ context, horizontalPixelRatio, verticalPixelRatio }) => {
			const zones = this.#source.zones;
			const edge = Math.max(1, Math.floor(verticalPixelRatio));
			const right = Math.round(visible.rightMedia * horizontalPixelRatio);
			for (let k = 0; k < visible.count; k++) {
				const zone = zones[visible.zone[k]];
				const left = Math.round(visible.leftMedia[k] * horizontalPixelRatio);
				const top = Math.round(visible.topMedia[k] * verticalPixelRatio);
				const bottom = Math.max(top + edge * 2, Math.round(visible.bottomMedia[k] * verticalPixelRatio));
				context.fillStyle = zone.fill;
				context.fillRect(left, top, right - left, bottom - top);
				context.fillStyle = zone.edge;
				context.fillRect(left, top, right - left, edge);
				context.fillRect(left, bottom - edge, right - left, edge);
			}
		});
	}
}
