/** Options of the visible-range volume profile (horizontal bars along the left edge of the price pane). */
export interface VolumeProfileOptions {
	visible?: boolean;
	/** Price bins of the profile. */
	binCount?: number;
	/** Longest bar (media px) on a wide pane; at most a sixth of the pane. */
	widthPx?: number;
	barColour?: string;
	/** Bars inside the value area (70 % of the volume around the POC). */
	valueAreaColour?: string;
	pocColour?: string;
	/** Formats the POC price for its label. */
	formatPrice?: (price: number) => string;
}

export const defaults: Required<VolumeProfileOptions> = {
	visible: true,
	binCount: 40,
	widthPx: 96,
	// Magenta: a hue the heatmap's ramp (blue → green → yellow) never takes, so the profile is not read as heat.
	barColour: 'rgba(216, 112, 196, 0.12)',
	valueAreaColour: 'rgba(216, 112, 196, 0.26)',
	pocColour: '#e36fc4',
	formatPrice: (price) => price.toFixed(0)
};

/** The profile's longest bar on a pane `paneWidth` wide (media px). */
export function profileWidth(widthPx: number, paneWidth: number): number {
	return Math.round(Math.min(widthPx, paneWidth / 6));
}
