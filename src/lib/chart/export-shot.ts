/**
 * What an exported image needs from the chart: its screenshot and the geometry to annotate it (sizes in CSS px, the
 * strip to keep clear, price → y). The chart builds it (`LiquidationChart.exportShot()`), so nothing outside the chart
 * reaches into its panes or copies its strip width.
 */
export interface ChartShot {
	/** `takeScreenshot()` of the chart, in the chart's own bitmap pixels. */
	canvas: HTMLCanvasElement;
	/** Device pixel ratio of the image (the screenshot is scaled to it when the chart painted at another). */
	dpr: number;
	/** The chart's size in CSS pixels. */
	width: number;
	height: number;
	/** Height of the price pane and width of the plot area (left of the price axis), CSS px. */
	paneHeight: number;
	plotWidth: number;
	/** Width of the liquidation strip on the right of the plot (CSS px), kept clear of labels. */
	stripWidth: number;
	/** y of a price in the price pane (CSS px), or null when off the scale. */
	priceToY: (price: number) => number | null;
}

/** The chart's sizes (CSS px), as `PlanLinesController.geometry()` reports them. */
export interface ChartGeometry {
	width: number;
	paneHeight: number;
	plotWidth: number;
}

/**
 * The shot of a screenshot `canvas` of a chart with `geometry`: the chart painted at its own pixel ratio (normally
 * the device's), so its CSS height follows from the canvas width; the image is drawn at `dpr`.
 */
export function chartShot(
	canvas: HTMLCanvasElement,
	geometry: ChartGeometry,
	stripWidthPx: number,
	dpr: number,
	priceToY: (price: number) => number | null
): ChartShot {
	const chartRatio = canvas.width / geometry.width;
	return {
		canvas,
		dpr,
		width: geometry.width,
		height: canvas.height / chartRatio,
		paneHeight: geometry.paneHeight,
		plotWidth: geometry.plotWidth,
		stripWidth: stripWidthPx,
		priceToY
	};
}
