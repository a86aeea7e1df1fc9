/**
 * Visible bins snapped to whole device pixels. When zoomed out, several bins fall in one pixel row: they are merged
 * (keeping the strongest intensity per side) instead of being painted on top of each other, which would brighten
 * translucent colours and cost a fill per bin. Arrays are reused between frames.
 */
import type { BinLevels } from './bin-levels.ts';
import type { VisibleBins } from './visible-bins.ts';

export class PixelRows {
	count = 0;
	topBitmap = new Int32Array(0);
	bottomBitmap = new Int32Array(0);
	/** Strongest relative intensity (0–1) per side among the merged bins. */
	long = new Float32Array(0);
	short = new Float32Array(0);
	/** Lowest bin (lowest price) merged into the row. */
	lowestBin = new Int32Array(0);

	update(visible: VisibleBins, levels: BinLevels, verticalPixelRatio: number): void {
		this.count = 0;
		if (this.topBitmap.length < visible.count) this.#grow(visible.bin.length);
		let row = -1;
		for (let i = 0; i < visible.count; i++) {
			const bin = visible.bin[i];
			const top = Math.round(visible.topMedia[i] * verticalPixelRatio);
			let bottom = Math.round(visible.bottomMedia[i] * verticalPixelRatio);
			if (bottom <= top) bottom = top + 1;
			const long = levels.longIntensity[bin];
			const short = levels.shortIntensity[bin];
			if (row >= 0 && top < this.bottomBitmap[row]) {
				if (bottom > this.bottomBitmap[row]) this.bottomBitmap[row] = bottom;
				if (long > this.long[row]) this.long[row] = long;
				if (short > this.short[row]) this.short[row] = short;
				this.lowestBin[row] = bin;
				continue;
			}
			row = this.count++;
			this.topBitmap[row] = top;
			this.bottomBitmap[row] = bottom;
			this.long[row] = long;
			this.short[row] = short;
			this.lowestBin[row] = bin;
		}
	}

	#grow(size: number): void {
		this.topBitmap = new Int32Array(size);
		this.bottomBitmap = new Int32Array(size);
		this.long = new Float32Array(size);
		this.short = new Float32Array(size);
		this.lowestBin = new Int32Array(size);
	}
}
