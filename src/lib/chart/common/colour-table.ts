/**
 * Pre-computed colours for quantised intensities, so that painting a bin costs an array lookup and no string building:
 * renderers run every frame and must allocate nothing per bin.
 */
import type { Side } from '$lib/core/types.ts';
import type { ColourOf } from './types.ts';

/** Number of intensity steps; 0–1 is quantised to this many levels (finer than the eye can tell apart). */
export const COLOUR_STEPS = 256;

export class ColourTable {
	/** CSS colours (`rgba(…)`) per step, for `fillStyle`. */
	readonly #css: Record<Side, string[]>;
	/** Packed RGBA bytes per step, for writing `ImageData`. */
	readonly #bytes: Record<Side, Uint8ClampedArray>;

	constructor(
		colourOf: ColourOf,
		readonly opacity = 1
	) {
		this.#css = { long: [], short: [] };
		this.#bytes = { long: new Uint8ClampedArray(COLOUR_STEPS * 4), short: new Uint8ClampedArray(COLOUR_STEPS * 4) };
		for (const side of ['long', 'short'] as const) {
			for (let step = 0; step < COLOUR_STEPS; step++) {
				const [r, g, b, a] = colourOf(step / (COLOUR_STEPS - 1), side);
				const alpha = Math.max(0, Math.min(1, a * opacity));
				this.#css[side].push(`rgba(${r},${g},${b},${alpha.toFixed(3)})`);
				this.#bytes[side].set([r, g, b, Math.round(alpha * 255)], step * 4);
			}
		}
	}

	static step(intensity: number): number {
		const clamped = intensity <= 0 ? 0 : intensity >= 1 ? 1 : intensity;
		return Math.round(clamped * (COLOUR_STEPS - 1));
	}

	css(side: Side, intensity: number): string {
		return this.#css[side][ColourTable.step(intensity)];
	}

	/** Writes the colour of `intensity` into `target` at byte offset `offset` (4 bytes). */
	writeBytes(side: Side, intensity: number, target: Uint8ClampedArray, offset: number): void {
		const source = this.#bytes[side];
		const from = ColourTable.step(intensity) * 4;
		target[offset] = source[from];
		target[offset + 1] = source[from + 1];
		target[offset + 2] = source[from + 2];
		target[offset + 3] = source[from + 3];
	}
}
