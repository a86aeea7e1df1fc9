/** Options of a pane's guides: a shaded band and dashed levels (RSI 30/70), and a caption in the top-left corner. */
export interface PaneGuidesOptions {
	/** Shaded value range, e.g. [30, 70] on the RSI pane; null for none. */
	band?: readonly [number, number] | null;
	bandColour?: string;
	/** Values with a dashed guide line. */
	levels?: readonly number[];
	levelColour?: string;
	/** Caption parts in the top-left corner, each with its colour: [["RSI 14", grey], ["61.2", purple]]. */
	caption?: readonly (readonly [string, string])[];
	fontFamily?: string;
}

export const defaults: Required<PaneGuidesOptions> = {
	band: null,
	bandColour: 'rgba(126, 87, 194, 0.08)',
	levels: [],
	levelColour: 'rgba(178, 181, 190, 0.35)',
	caption: [],
	fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, sans-serif"
};
