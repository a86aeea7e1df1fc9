/**
 * Visible bins snapped to whole device pixels. When zoomed out, several bins fall in one pixel row: they are merged
 * (keeping the strongest intensity per side) instead of being painted on top of each other, which would brighten
 * translucent colours and cost a fill per bin. Arrays are reused between frames, and rebuilt only when the view moved
 * or the map changed (not on every frame).
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
	/** After `pickDominant`: the row's shown side (1 = short) and its intensity, 0 when the row is not drawn. */
	isShort = new Uint8Array(0);
	shown = new Float32Array(0);

	#visibleVersion = -1;
	#levels: BinLevels | null = null;
	#ratio = 0;

	/** Rebuilds the rows, unless the visible bins, the levels and the pixel ratio are those of the last call. */
	update(visible: VisibleBins, levels: BinLevels, verticalPixelRatio: number): void {
		if (visible.version === this.#visibleVersion && levels === this.#levels && verticalPixelRatio === this.#ratio) return;
		this.#visibleVersion = visible.version;
		this.#levels = levels;
		this.#ratio = verticalPixelRatio;
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

	/**
	 * One colour per row: the dominant side among those shown, so a bin holding both never shows a muddy mix; rows
	 * below `minIntensity` (or empty) get `shown` 0.
	 */
	pickDominant(showLongs: boolean, showShorts: boolean, minIntensity: number): void {
		for (let row = 0; row < this.count; row++) {
			const long = showLongs ? this.long[row] : 0;
			const short = showShorts ? this.short[row] : 0;
			const isShort = short > long;
			const intensity = isShort ? short : long;
			this.isShort[row] = isShort ? 1 : 0;
			this.shown[row] = intensity > 0 && intensity >= minIntensity ? intensity : 0;
		}
	}

	#grow(size: number): void {
		this.isShort = new Uint8Array(size);
		this.shown = new Float32Array(size);
		this.topBitmap = new Int32Array(size);
		this.bottomBitmap = new Int32Array(size);
		this.long = new Float32Array(size);
		this.short = new Float32Array(size);
		this.lowestBin = new Int32Array(size);
	}
}
