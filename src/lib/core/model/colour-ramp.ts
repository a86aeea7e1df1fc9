/**
 * The heatmap colour ramp: dark (thin risk) → mid tones → bright yellow / orange / red (dense risk), as traders read
 * Coinglass-style maps. The cool end differs by side so longs (blue-green) and shorts (violet) are told apart at a
 * glance; from the middle up both sides share the warm colours, because "bright = dense" must read the same everywhere.
 * Alpha rises with intensity so faint zones stay behind the candles.
 */
import type { Side } from '../types.ts';

export type Rgba = [r: number, g: number, b: number, a: number];

export interface RampStop {
	position: number;
	long: [number, number, number];
	short: [number, number, number];
	alpha: number;
}

export const RAMP_STOPS: readonly RampStop[] = [
	{ position: 0, long: [13, 42, 92], short: [52, 24, 96], alpha: 0.22 },
	{ position: 0.25, long: [18, 120, 140], short: [110, 50, 160], alpha: 0.36 },
	{ position: 0.5, long: [60, 170, 90], short: [190, 70, 150], alpha: 0.5 },
	{ position: 0.7, long: [240, 215, 40], short: [240, 215, 40], alpha: 0.62 },
	{ position: 0.85, long: [245, 140, 30], short: [245, 140, 30], alpha: 0.72 },
	{ position: 1, long: [235, 45, 40], short: [235, 45, 40], alpha: 0.82 }
];

/** Colour at position `t` (0–1, clamped) for a side; components 0–255, alpha 0–1. */
export function intensityColour(t: number, side: Side): Rgba {
	const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
	let upper = 1;
	while (upper < RAMP_STOPS.length - 1 && RAMP_STOPS[upper].position < x) upper++;
	const a = RAMP_STOPS[upper - 1];
	const b = RAMP_STOPS[upper];
	const f = (x - a.position) / (b.position - a.position);
	const mix = (p: number, q: number) => Math.round(p + (q - p) * f);
	const from = a[side];
	const to = b[side];
	return [mix(from[0], to[0]), mix(from[1], to[1]), mix(from[2], to[2]), a.alpha + (b.alpha - a.alpha) * f];
}

/** CSS `rgba()` text of `intensityColour`. */
export function intensityCss(t: number, side: Side): string {
	const [r, g, b, a] = intensityColour(t, side);
	return `rgba(${r}, ${g}, ${b}, ${a.toFixed(3)})`;
}
