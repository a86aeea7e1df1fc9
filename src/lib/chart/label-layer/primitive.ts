/**
 * A pane's label layer: collects the label candidates of the overlays on the same pane (in the order given, which is
 * their priority), drops or stacks the ones that would overlap a label already placed, and paints the rest on top.
 * Attach it after its sources, so that their views have filled their lists when its own view lays them out.
 */
import type { IPrimitivePaneView, ISeriesPrimitive, SeriesAttachedParameter, Time } from 'lightweight-charts';
import type { LabelSource } from '../common/label-list.ts';
import { TextWidths } from '../common/text-width.ts';
import { defaults, type LabelLayerOptions } from './options.ts';
import { LabelLayerView } from './view.ts';

export class LabelLayer implements ISeriesPrimitive<Time> {
	readonly #options: Required<LabelLayerOptions>;
	readonly #sources: readonly LabelSource[];
	readonly #widths: TextWidths;
	readonly #view: LabelLayerView;
	readonly #paneViews: readonly IPrimitivePaneView[];
	#attached: SeriesAttachedParameter<Time> | null = null;

	constructor(sources: readonly LabelSource[], options: LabelLayerOptions = {}) {
		this.#options = { ...defaults, ...options };
		this.#sources = sources;
		this.#widths = new TextWidths(`600 ${this.#options.fontPx}px ${this.#options.fontFamily}`);
		this.#view = new LabelLayerView(this);
		this.#paneViews = [this.#view];
	}

	get attachedTo(): SeriesAttachedParameter<Time> | null {
		return this.#attached;
	}
	get sources(): readonly LabelSource[] {
		return this.#sources;
	}
	get options(): Readonly<Required<LabelLayerOptions>> {
		return this.#options;
	}
	get widths(): TextWidths {
		return this.#widths;
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
}
