/**
 * The price bins inside the pane's visible price range and their vertical extent in media pixels. Filled by a view's
 * `update()` (on pan/zoom), read by its renderer; the arrays are reused between frames and only grow with the map.
 */
import type { ISeriesApi, SeriesType, Time } from 'lightweight-charts';

export class VisibleBins {
	/** Number of valid entries in the arrays below, ordered from the highest price (top of the pane) down. */
	count = 0;
	bin = new Int32Array(0);
	topMedia = new Float32Array(0);
	bottomMedia = new Float32Array(0);
	/** Bumped whenever the contents change, so renderers can keep what they derived from them between frames. */
	version = 0;

	clear(): void {
		this.count = 0;
		this.version++;
	}

	/**
	 * @param priceMin lower edge of bin 0 (USDT)
	 * @param binWidth bin width (USDT)
	 * @param binCount number of bins in the map
	 * @param paneHeight height of the pane in media pixels
	 */
	update(
		series: ISeriesApi<SeriesType, Time>,
		priceMin: number,
		binWidth: number,
		binCount: number,
		paneHeight: number
	): void {
		this.clear();
		if (binCount === 0 || paneHeight <= 0) return;
		if (this.bin.length < binCount) {
			this.bin = new Int32Array(binCount);
			this.topMedia = new Float32Array(binCount);
			this.bottomMedia = new Float32Array(binCount);
		}
		const topPrice = series.coordinateToPrice(0);
		const bottomPrice = series.coordinateToPrice(paneHeight);
		if (topPrice === null || bottomPrice === null) return;
		const highestBin = Math.min(binCount - 1, Math.floor((topPrice - priceMin) / binWidth));
		const lowestBin = Math.max(0, Math.floor((bottomPrice - priceMin) / binWidth));
		for (let bin = highestBin; bin >= lowestBin; bin--) {
			const top = series.priceToCoordinate(priceMin + (bin + 1) * binWidth);
			const bottom = series.priceToCoordinate(priceMin + bin * binWidth);
			if (top === null || bottom === null) continue;
			this.bin[this.count] = bin;
			this.topMedia[this.count] = top;
			this.bottomMedia[this.count] = bottom;
			this.count++;
		}
	}
}
