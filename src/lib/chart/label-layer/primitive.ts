/**
 * A pane's label layer: collects the label candidates of the overlays on the same pane (in the order given, which is
 * their priority), drops or stacks the ones that would overlap a label already placed, and paints the rest on top.
 * Attach it after its sources, so that their views have filled their lists when its own view lays them out.
 */
import type { LabelSource } from '../common/label-list.ts';
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import { TextWidths } from '../common/text-width.ts';
import { defaults, type LabelLayerOptions } from './options.ts';
import { LabelLayerView } from './view.ts';

export class LabelLayer extends OverlayPrimitive<LabelLayerOptions> {
	readonly #sources: readonly LabelSource[];
	readonly #widths: TextWidths;

	constructor(sources: readonly LabelSource[], options: LabelLayerOptions = {}) {
		super(defaults, options, (overlay: LabelLayer) => new LabelLayerView(overlay));
		this.#sources = sources;
		this.#widths = new TextWidths(`600 ${this.options.fontPx}px ${this.options.fontFamily}`);
	}

	get sources(): readonly LabelSource[] {
		return this.#sources;
	}
	get widths(): TextWidths {
		return this.#widths;
	}
}
