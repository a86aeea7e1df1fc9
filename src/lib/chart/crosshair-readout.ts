/** What the crosshair is over: the hovered candle and the estimated liquidation notional at the hovered price. */
import type { Candle } from '$lib/core/types.ts';
import { binAt, type BinLevels } from './common/bin-levels.ts';

export interface SideReadout {
	/** Open notional in the hovered price bin (USDT). */
	notional: number;
	/** Relative intensity 0–1 under the current scale mode. */
	intensity: number;
}

export interface CrosshairReadout {
	/** Price under the cursor (USDT). */
	price: number;
	/** Lower and upper edge of the hovered bin (USDT); null outside the map. */
	binLow: number | null;
	binHigh: number | null;
	long: SideReadout;
	short: SideReadout;
	/** The candle under the cursor, if any. */
	candle: Candle | null;
}

export function readLevels(levels: BinLevels | null, price: number, candle: Candle | null): CrosshairReadout {
	const bin = levels ? binAt(levels, price) : -1;
	if (!levels || bin < 0) {
		const empty = { notional: 0, intensity: 0 };
		return { price, binLow: null, binHigh: null, long: empty, short: { ...empty }, candle };
	}
	return {
		price,
		binLow: levels.priceMin + bin * levels.binWidth,
		binHigh: levels.priceMin + (bin + 1) * levels.binWidth,
		long: { notional: levels.longNotional[bin], intensity: levels.longIntensity[bin] },
		short: { notional: levels.shortNotional[bin], intensity: levels.shortIntensity[bin] },
		candle
	};
}
