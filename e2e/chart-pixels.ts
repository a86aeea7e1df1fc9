/**
 * Reads what the chart actually painted: the chart's canvases are composited in the page (same origin, so readable)
 * and summarised as pixel counts per colour class plus a coarse fingerprint for "did the picture change".
 */
import type { Page } from '@playwright/test';

export interface ChartPixels {
	/** Pixels of the candle colours (#26a69a up, #ef5350 down) in the price pane. */
	candle: number;
	/**
	 * Pixel columns of the sampled area holding at least 4 candle-coloured pixels (a candle is upright; the 1-px
	 * horizontal last-price line does not count): a chart collapsed to one candle has a handful.
	 */
	candleColumns: number;
	/** Pixels that are neither background/grid nor candle: the heatmap (bands or history cells) in the price pane. */
	heat: number;
	/** Heat pixels in the upper and lower half of the sampled area. */
	heatUpper: number;
	heatLower: number;
	/** Mean RGB of 32×20 cells over the whole chart, for comparing pictures. */
	fingerprint: number[];
}

export async function readChartPixels(page: Page): Promise<ChartPixels> {
	return page.getByTestId('chart').evaluate((container: HTMLElement) => {
		const box = container.getBoundingClientRect();
		const width = Math.round(box.width);
		const height = Math.round(box.height);
		const composite = document.createElement('canvas');
		composite.width = width;
		composite.height = height;
		const context = composite.getContext('2d', { willReadFrequently: true })!;
		for (const canvas of Array.from(container.querySelectorAll('canvas'))) {
			const rect = canvas.getBoundingClientRect();
			if (rect.width === 0 || rect.height === 0) continue;
			context.drawImage(canvas, rect.left - box.left, rect.top - box.top, rect.width, rect.height);
		}
		const pixels = context.getImageData(0, 0, width, height).data;
		const near = (i: number, r: number, g: number, b: number, tolerance: number) =>
			Math.abs(pixels[i] - r) <= tolerance &&
			Math.abs(pixels[i + 1] - g) <= tolerance &&
			Math.abs(pixels[i + 2] - b) <= tolerance;

		// The price pane's body: below the HTML legend, above the volume pane, left of the strip and the price axis.
		const left = 0;
		const right = Math.round(width * 0.7);
		const top = 60;
		const bottom = Math.round(height * 0.7);
		const middle = (top + bottom) / 2;
		let candle = 0;
		const candlePixelsInColumn = new Uint16Array(width);
		let heatUpper = 0;
		let heatLower = 0;
		for (let y = top; y < bottom; y++) {
			for (let x = left; x < right; x++) {
				const i = (y * width + x) * 4;
				if (near(i, 38, 166, 154, 12) || near(i, 239, 83, 80, 12)) {
					candle++;
					candlePixelsInColumn[x]++;
				}
				else if (!near(i, 14, 17, 23, 24)) {
					if (y < middle) heatUpper++;
					else heatLower++;
				}
			}
		}

		const columns = 32;
		const rows = 20;
		const fingerprint: number[] = [];
		for (let row = 0; row < rows; row++) {
			for (let column = 0; column < columns; column++) {
				const x0 = Math.floor((column * width) / columns);
				const x1 = Math.floor(((column + 1) * width) / columns);
				const y0 = Math.floor((row * height) / rows);
				const y1 = Math.floor(((row + 1) * height) / rows);
				let sum = 0;
				for (let y = y0; y < y1; y += 2) for (let x = x0; x < x1; x += 2) {
					const i = (y * width + x) * 4;
					sum += pixels[i] + pixels[i + 1] + pixels[i + 2];
				}
				fingerprint.push(sum / (((x1 - x0) * (y1 - y0)) / 4) / 3);
			}
		}
		const candleColumns = candlePixelsInColumn.reduce((sum, pixels) => sum + (pixels >= 4 ? 1 : 0), 0);
		return { candle, candleColumns, heat: heatUpper + heatLower, heatUpper, heatLower, fingerprint };
	});
}

/** Mean absolute difference of two fingerprints (0 = identical pictures; a visible change is well above 0.5). */
export function pictureDifference(a: ChartPixels, b: ChartPixels): number {
	let sum = 0;
	for (let i = 0; i < a.fingerprint.length; i++) sum += Math.abs(a.fingerprint[i] - b.fingerprint[i]);
	return sum / a.fingerprint.length;
}

/**
 * Pixels of the chart within `tolerance` of an RGB colour, in a band of the chart's height (fractions 0–1 from the
 * top), e.g. the RSI line's purple in the lower part or the volume profile's amber POC.
 */
export async function countColour(
	page: Page,
	rgb: readonly [number, number, number],
	band: readonly [number, number] = [0, 1],
	tolerance = 16
): Promise<number> {
	return page.getByTestId('chart').evaluate(
		(container: HTMLElement, { rgb, band, tolerance }) => {
			const box = container.getBoundingClientRect();
			const width = Math.round(box.width);
			const height = Math.round(box.height);
			const composite = document.createElement('canvas');
			composite.width = width;
			composite.height = height;
			const context = composite.getContext('2d', { willReadFrequently: true })!;
			for (const canvas of Array.from(container.querySelectorAll('canvas'))) {
				const rect = canvas.getBoundingClientRect();
				if (rect.width === 0 || rect.height === 0) continue;
				context.drawImage(canvas, rect.left - box.left, rect.top - box.top, rect.width, rect.height);
			}
			const top = Math.round(band[0] * height);
			const bottom = Math.round(band[1] * height);
			const pixels = context.getImageData(0, top, width, bottom - top).data;
			let count = 0;
			for (let i = 0; i < pixels.length; i += 4) {
				if (
					Math.abs(pixels[i] - rgb[0]) <= tolerance &&
					Math.abs(pixels[i + 1] - rgb[1]) <= tolerance &&
					Math.abs(pixels[i + 2] - rgb[2]) <= tolerance
				)
					count++;
			}
			return count;
		},
		{ rgb, band, tolerance }
	);
}
