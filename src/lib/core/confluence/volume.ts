/**
 * Volume analysis: a volume profile of a range of candles and a "volume rising into the zone" measure.
 *
 * Profile: each candle's volume (base currency) is spread evenly over its high–low range and added to the price bins
 * it overlaps, in proportion to the overlap (a zero-range candle puts it all in one bin). Point of control (POC) = the
 * bin with the most volume. Value area = the POC bin, then repeatedly the larger of the next bin above and below, until
 * `valueAreaShare` (70 %) of the volume is inside — the usual market-profile convention.
 *
 * Rising into a zone: over the last `bars` candles price moved toward the zone (distance from the close to the zone's
 * price shrank) and their mean volume is at least `minRatio` × the mean of the `baselineBars` candles before them.
 */
import type { Candle } from '../types.ts';

export interface VolumeProfile {
	priceMin: number;
	binWidth: number;
	volumes: Float64Array;
	pocPrice: number;
	valueAreaLow: number;
	valueAreaHigh: number;
	total: number;
}

export function volumeProfile(candles: readonly Candle[], binCount = 48, valueAreaShare = 0.7): VolumeProfile | null {
	if (candles.length === 0 || binCount < 1) return null;
	let low = Infinity;
	let high = -Infinity;
	for (const c of candles) {
		if (c.low < low) low = c.low;
		if (c.high > high) high = c.high;
	}
	const binWidth = high > low ? (high - low) / binCount : 1;
	const volumes = new Float64Array(binCount);
	const binOf = (price: number) => Math.min(binCount - 1, Math.max(0, Math.floor((price - low) / binWidth)));
	let total = 0;
	for (const c of candles) {
		total += c.volume;
		const first = binOf(c.low);
		const last = binOf(c.high);
		if (first === last || c.high <= c.low) {
			volumes[first] += c.volume;
			continue;
		}
		const perPrice = c.volume / (c.high - c.low);
		for (let b = first; b <= last; b++) {
			const from = Math.max(c.low, low + b * binWidth);
			const to = Math.min(c.high, low + (b + 1) * binWidth);
			if (to > from) volumes[b] += perPrice * (to - from);
		}
	}
	let poc = 0;
	for (let b = 1; b < binCount; b++) if (volumes[b] > volumes[poc]) poc = b;
	let [below, above] = [poc, poc];
	let inside = volumes[poc];
	while (inside < valueAreaShare * total && (below > 0 || above < binCount - 1)) {
		const down = below > 0 ? volumes[below - 1] : -1;
		const up = above < binCount - 1 ? volumes[above + 1] : -1;
		if (up >= down) inside += volumes[++above];
		else inside += volumes[--below];
	}
	return {
		priceMin: low,
		binWidth,
		volumes,
		pocPrice: low + (poc + 0.5) * binWidth,
		valueAreaLow: low + below * binWidth,
		valueAreaHigh: low + (above + 1) * binWidth,
		total
	};
}

export interface VolumeIntoZone {
	approaching: boolean;
	/** Mean volume of the last `bars` candles / mean of the `baselineBars` before them. */
	volumeRatio: number | null;
	rising: boolean;
}

export const VOLUME_INTO_ZONE = { bars: 6, baselineBars: 24, minRatio: 1.2 };

export function volumeIntoZone(candles: readonly Candle[], zonePrice: number, options = VOLUME_INTO_ZONE): VolumeIntoZone {
	const n = candles.length;
	if (n < options.bars + options.baselineBars) return { approaching: false, volumeRatio: null, rising: false };
	const mean = (from: number, to: number) => {
		let sum = 0;
		for (let i = from; i < to; i++) sum += candles[i].volume;
		return sum / (to - from);
	};
	const recent = mean(n - options.bars, n);
	const baseline = mean(n - options.bars - options.baselineBars, n - options.bars);
	const volumeRatio = baseline > 0 ? recent / baseline : null;
	const approaching = Math.abs(candles[n - 1].close - zonePrice) < Math.abs(candles[n - 1 - options.bars].close - zonePrice);
	return { approaching, volumeRatio, rising: approaching && volumeRatio !== null && volumeRatio >= options.minRatio };
}
