/**
 * The heatmap colour ramp: one perceptual ramp for both sides, dark blue (thin risk) → teal → green → bright yellow
 * (densest), as Coinglass users read "yellow = dense". Its stops are matplotlib's viridis colour map (van der Walt &
 * Smith, 2015, https://bids.github.io/colormap/), whose CIE L* rises monotonically with the value and which stays
 * ordered for the common colour-vision deficiencies (no red/green contrast carries meaning). The ramp starts at
 * viridis 0.2 (blue), not at its purple end, so that a wide field of faint levels never reads as a purple wash.
 *
 * The side of a level (longs below the price, shorts above) is told by other means than hue: its position against
 * the price, the strip's Σ↓ / Σ↑ curves and the labels ("Long liq.", "Short liq.").
 *
 * Alpha rises with intensity (0.2 → 0.86) so faint zones stay behind the candles and only dense ones stand out.
 * Units: position 0–1 (the scaled intensity); colour components 0–255 sRGB; alpha 0–1. Numbers only: the CSS text of a
 * colour is written on the UI side (`rampCss` in `src/lib/format.ts`).
 */
import type { Side } from '../types.ts';

export type Rgba = [r: number, g: number, b: number, a: number];

export interface RampStop {
	position: number;
	rgb: readonly [number, number, number];
	alpha: number;
}

/** viridis at 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1 (its published hex values), placed at (v − 0.2) / 0.8 on the ramp. */
export const RAMP_STOPS: readonly RampStop[] = [
	{ position: 0, rgb: [0x41, 0x44, 0x87], alpha: 0.2 }, // #414487
	{ position: 0.25, rgb: [0x2a, 0x78, 0x8e], alpha: 0.34 }, // #2a788e
	{ position: 0.375, rgb: [0x21, 0x91, 0x8c], alpha: 0.42 }, // #21918c
	{ position: 0.5, rgb: [0x22, 0xa8, 0x84], alpha: 0.5 }, // #22a884
	{ position: 0.625, rgb: [0x44, 0xbf, 0x70], alpha: 0.58 }, // #44bf70
	{ position: 0.75, rgb: [0x7a, 0xd1, 0x51], alpha: 0.68 }, // #7ad151
	{ position: 0.875, rgb: [0xbd, 0xdf, 0x26], alpha: 0.78 }, // #bddf26
	{ position: 1, rgb: [0xfd, 0xe7, 0x25], alpha: 0.86 } // #fde725
];

/**
 * Colour at position `t` (0–1, clamped); components 0–255, alpha 0–1. `_side` keeps the renderers' common signature
 * and does not change the colour: both sides share the ramp.
 */
export function intensityColour(t: number, _side?: Side): Rgba {
	const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
	let upper = 1;
	while (upper < RAMP_STOPS.length - 1 && RAMP_STOPS[upper].position < x) upper++;
	const a = RAMP_STOPS[upper - 1];
	const b = RAMP_STOPS[upper];
	const f = (x - a.position) / (b.position - a.position);
	const mix = (p: number, q: number) => Math.round(p + (q - p) * f);
	return [mix(a.rgb[0], b.rgb[0]), mix(a.rgb[1], b.rgb[1]), mix(a.rgb[2], b.rgb[2]), a.alpha + (b.alpha - a.alpha) * f];
}
