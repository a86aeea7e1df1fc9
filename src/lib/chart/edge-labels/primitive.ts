/**
 * Edge labels: a cluster worth labelling that lies wholly above (below) the visible price range gets a "▲ …" ("▼ …")
 * tag at the top (bottom) edge of the price pane, as the exported image does, so panning never hides that it exists.
 * It holds the labels; the view decides which are off-screen on pan/zoom; the renderer paints.
 */
import type { Side } from '$lib/core/types.ts';
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import { defaults, type EdgeLabelsOptions } from './options.ts';
import { EdgeLabelsView } from './view.ts';

export interface EdgeLabel {
	side: Side;
	/** The cluster's lower and upper edge (USDT). */
	low: number;
	high: number;
	/** e.g. "Short liq. 116,800–118,200 · score 39 · +7.8 %" (the arrow is added when placed). */
	text: string;
}

export class EdgeLabels extends OverlayPrimitive<EdgeLabelsOptions, EdgeLabelsView> {
	#labels: readonly EdgeLabel[] = [];

	constructor(options: EdgeLabelsOptions = {}) {
		super(defaults, options, (overlay: EdgeLabels) => new EdgeLabelsView(overlay));
	}

	get labels(): readonly EdgeLabel[] {
		return this.#labels;
	}

	setLabels(labels: readonly EdgeLabel[]): void {
		this.#labels = labels;
		this.requestUpdate();
	}

	/** The texts placed at the last update (with their arrows), top edge first; for the chart's text description. */
	placed(): readonly string[] {
		return this.view.placedTexts();
	}
}
