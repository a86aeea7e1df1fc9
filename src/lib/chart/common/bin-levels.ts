/**
 * A liquidation map with each bin's relative intensity already scaled. Computed when the map or the display options
 * change (not on pan/zoom), so that views and renderers only look values up.
 */
import type { LiquidationMap } from '$lib/core/types.ts';
import type { IntensityOf } from './types.ts';

export interface BinLevels {
	/** Lower edge of bin 0 (USDT). */
	priceMin: number;
	/** Width of one bin (USDT). */
	binWidth: number;
	count: number;
	/** Open notional per bin (USDT). */
	longNotional: Float64Array;
	shortNotional: Float64Array;
	/** Relative intensity per bin, 0–1, under the current scale mode. */
	longIntensity: Float32Array;
	shortIntensity: Float32Array;
}

export function scaleBinLevels(map: LiquidationMap, intensityOf: IntensityOf): BinLevels {
	const count = map.long.length;
	const longIntensity = new Float32Array(count);
	const shortIntensity = new Float32Array(count);
	for (let bin = 0; bin < count; bin++) {
		longIntensity[bin] = map.long[bin] > 0 ? intensityOf(map.long[bin]) : 0;
		shortIntensity[bin] = map.short[bin] > 0 ? intensityOf(map.short[bin]) : 0;
	}
	return {
		priceMin: map.priceMin,
		binWidth: map.binWidth,
		count,
		longNotional: map.long,
		shortNotional: map.short,
		longIntensity,
		shortIntensity
	};
}

/** The bin holding `price`, or -1 outside the map. */
export function binAt(levels: BinLevels, price: number): number {
	const bin = Math.floor((price - levels.priceMin) / levels.binWidth);
	return bin >= 0 && bin < levels.count ? bin : -1;
}
