/**
 * Which confluence overlays the chart draws, in the URL as flags next to the core view parameters (`zones=0`,
 * `structure=0`, …). All OFF by default: the clean default is candles + heatmap + strip, and the "Confluence" preset
 * (`CONFLUENCE_OVERLAYS`) switches the four on at once (`zones=1&structure=1&div=1&profile=1`). Display-only: they
 * never reach `analyze()`, hence they live here and not in core's `params.ts`.
 */
export interface OverlayVisibility {
	/** Support/resistance zones. */
	zones: boolean;
	/** BOS / CHoCH segments. */
	structure: boolean;
	/** RSI divergence lines, on the price and the RSI pane. */
	divergences: boolean;
	/** Visible-range volume profile. */
	profile: boolean;
}

/** URL parameter of each overlay. */
export const OVERLAY_PARAMS: Readonly<Record<keyof OverlayVisibility, string>> = {
	zones: 'zones',
	structure: 'structure',
	divergences: 'div',
	profile: 'profile'
};

const keys = Object.keys(OVERLAY_PARAMS) as (keyof OverlayVisibility)[];

export const DEFAULT_OVERLAYS: Readonly<OverlayVisibility> = { zones: false, structure: false, divergences: false, profile: false };

/** The "Confluence" preset: every confluence overlay on. */
export const CONFLUENCE_OVERLAYS: Readonly<OverlayVisibility> = { zones: true, structure: true, divergences: true, profile: true };

/** How many of the confluence overlays are on (the preset toggle is checked at all, mixed in between). */
export function overlaysShown(overlays: OverlayVisibility): number {
	return keys.filter((key) => overlays[key]).length;
}

/** Reads the overlay flags; a value other than 0 or 1 is refused with a message and the default kept. */
export function parseOverlays(search: URLSearchParams): { overlays: OverlayVisibility; refused: string[] } {
	const overlays = { ...DEFAULT_OVERLAYS };
	const refused: string[] = [];
	for (const key of keys) {
		const raw = search.get(OVERLAY_PARAMS[key]);
		if (raw === null) continue;
		if (raw === '0' || raw === '1') overlays[key] = raw === '1';
		else refused.push(`${OVERLAY_PARAMS[key]}="${raw}": expected 0 or 1`);
	}
	return { overlays, refused };
}

/** Adds the flags that differ from the defaults to `query`. */
export function formatOverlays(overlays: OverlayVisibility, query: URLSearchParams): void {
	for (const key of keys) {
		if (overlays[key] !== DEFAULT_OVERLAYS[key]) query.set(OVERLAY_PARAMS[key], overlays[key] ? '1' : '0');
	}
}
