/** Guides of an indicator pane (RSI 30/70 band and levels) and its caption, e.g. "RSI 14  61.2". */
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import { defaults, type PaneGuidesOptions } from './options.ts';
import { PaneGuidesView } from './view.ts';

export class PaneGuides extends OverlayPrimitive<PaneGuidesOptions> {

	constructor(options: PaneGuidesOptions = {}) {
		super(defaults, options, (overlay: PaneGuides) => new PaneGuidesView(overlay));
	}

}
