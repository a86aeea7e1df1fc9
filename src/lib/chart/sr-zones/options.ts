/** Options of the support/resistance overlay (shaded price bands from where each zone was made to the right edge). */
export interface SrZonesOptions {
	visible?: boolean;
	/** Zones weaker than this (strength 0–1) are not drawn. */
	minStrength?: number;
	/** At most this many zones are drawn (the strongest in view); fewer on a short pane, one per `pxPerZone`. */
	maxZones?: number;
	pxPerZone?: number;
	/** RGB of fill, edges and label. */
	rgb?: readonly [number, number, number];
	/** Fill alpha at strength `minStrength` and at strength 1; edges are drawn 3× as opaque. */
	minAlpha?: number;
	maxAlpha?: number;
	/** Band at the right edge left free (media px) on a pane `paneWidth` wide: the liquidation strip. */
	rightClearance?: (paneWidth: number) => number;
}

export const defaults: Required<SrZonesOptions> = {
	visible: true,
	minStrength: 0.5,
	maxZones: 7,
	pxPerZone: 75,
	rgb: [130, 160, 230],
	minAlpha: 0.025,
	maxAlpha: 0.11,
	rightClearance: () => 0
};
