/**
 * Types shared by the chart overlays. The overlays never import core calculations: they receive the map, the grid and
 * an intensity function, and only turn them into pixels.
 */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import type { Side } from '$lib/core/types.ts';

/** The canvas target handed to `draw()`; typed from the library so that `fancy-canvas` needs no direct import. */
export type RenderingTarget = Parameters<IPrimitivePaneRenderer['draw']>[0];

/** The bitmap-space scope of `useBitmapCoordinateSpace`. */
export type BitmapScope = Parameters<Parameters<RenderingTarget['useBitmapCoordinateSpace']>[0]>[0];

/** Maps a notional (USDT) to a relative intensity 0–1 under the current scale mode. */
export type IntensityOf = (notional: number) => number;

/** An RGBA colour for a relative intensity (0–1) of one side; channels 0–255, alpha 0–1. */
export type ColourOf = (intensity: number, side: Side) => readonly [number, number, number, number];
