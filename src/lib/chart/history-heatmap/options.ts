/** Options of the history heatmap (the time-evolving liquidation map behind the candles). */
export interface HistoryHeatmapOptions {
	visible?: boolean;
	showLongs?: boolean;
	showShorts?: boolean;
	/** Cells below this relative intensity (0–1) stay transparent. */
	minIntensity?: number;
	/** Multiplies the ramp's alpha so that candles stay readable on top. */
	opacity?: number;
}

export const defaults: Required<HistoryHeatmapOptions> = {
	visible: false,
	showLongs: true,
	showShorts: true,
	minIntensity: 0.05,
	opacity: 0.85
};
