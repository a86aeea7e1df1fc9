/**
 * Support/resistance zones: a band per zone from the bar where its oldest level was made to the right edge, its
 * opacity following the zone's strength, and a short label with the main reason ("prior-week high +2"). The zones
 * never widen the price scale.
 */
import { lowerBound } from '$lib/core/market/candle-search.ts';
import type { SrZone } from '$lib/core/confluence/support-resistance.ts';
import { zoneLabel } from '$lib/wording/ui.ts';
import { LabelList, type LabelSource } from '../common/label-list.ts';
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import { defaults, type SrZonesOptions } from './options.ts';
import { SrZonesView } from './view.ts';

/** A zone ready to draw: prices, first bar, colours and label made once per dataset. */
export interface DrawnZone {
	low: number;
	high: number;
	strength: number;
	startIndex: number;
	fill: string;
	edge: string;
	label: string;
}

export class SrZones extends OverlayPrimitive<SrZonesOptions> implements LabelSource {
	/** Strongest first (label priority). */
	#zones: DrawnZone[] = [];
	readonly labels = new LabelList();

	constructor(options: SrZonesOptions = {}) {
		super(defaults, options, (overlay: SrZones) => new SrZonesView(overlay));
	}

	get zones(): readonly DrawnZone[] {
		return this.#zones;
	}

	/** @param candleTimes open time (ms) of each bar, to find where a zone starts */
	setZones(zones: readonly SrZone[], candleTimes: readonly number[]): void {
		this.#zones = drawnZones(zones, candleTimes, this.options);
		this.requestUpdate();
	}

}

function drawnZones(zones: readonly SrZone[], candleTimes: readonly number[], options: Required<SrZonesOptions>): DrawnZone[] {
	const [r, g, b] = options.rgb;
	const { minStrength, minAlpha, maxAlpha } = options;
	return zones
		.filter((zone) => zone.strength >= minStrength)
		.sort((a, b) => b.strength - a.strength)
		.map((zone) => {
			// Strengths bunch up near 1 (a saturating sum): stretch the shown range so that differences are visible.
			const share = Math.max(0, Math.min(1, (zone.strength - minStrength) / (1 - minStrength))) ** 2;
			const alpha = minAlpha + share * (maxAlpha - minAlpha);
			const oldest = Math.min(...zone.levels.map((level) => level.time));
			return {
				low: zone.low,
				high: zone.high,
				strength: zone.strength,
				startIndex: firstIndexAtOrAfter(candleTimes, oldest),
				fill: `rgba(${r},${g},${b},${alpha.toFixed(3)})`,
				edge: `rgba(${r},${g},${b},${Math.min(0.6, alpha * 3 + 0.08).toFixed(3)})`,
				label: zoneLabel(zone)
			};
		});
}

function firstIndexAtOrAfter(times: readonly number[], time: number): number {
	return lowerBound(times.length, (i) => times[i] < time);
}
