/**
 * Which overlays the chart draws, in the URL as flags next to the core view parameters (`zones=0`, `structure=0`, …),
 * one per entry of the overlay registry (`chart/overlays.ts`). All OFF by default: the clean default is candles +
 * heatmap + strip, and the "Confluence" preset (`CONFLUENCE_OVERLAYS`) switches the four on at once
 * (`zones=1&structure=1&div=1&profile=1`). Display-only: they never reach `analyze()`, hence they live here and not in
 * core's `params.ts`.
 */
import { CONFLUENCE_OVERLAYS, DEFAULT_OVERLAYS, OVERLAYS, type OverlayVisibility } from '$lib/chart/overlays.ts';

export { CONFLUENCE_OVERLAYS, DEFAULT_OVERLAYS, type OverlayVisibility };

/** How many of the preset's overlays are on (the preset toggle is checked at all, mixed in between). */
export function overlaysShown(overlays: OverlayVisibility): number {
	return OVERLAYS.filter((entry) => entry.confluence && overlays[entry.id]).length;
}

/** Reads the overlay flags; a value other than 0 or 1 is refused with a message and the default kept. */
export function parseOverlays(search: URLSearchParams): { overlays: OverlayVisibility; refused: string[] } {
	const overlays = { ...DEFAULT_OVERLAYS };
	const refused: string[] = [];
	for (const { id, param } of OVERLAYS) {
		const raw = search.get(param);
		if (raw === null) continue;
		if (raw === '0' || raw === '1') overlays[id] = raw === '1';
		else refused.push(`${param}="${raw}": expected 0 or 1`);
	}
	return { overlays, refused };
}

/** Adds the flags that differ from the defaults to `query`. */
export function formatOverlays(overlays: OverlayVisibility, query: URLSearchParams): void {
	for (const { id, param } of OVERLAYS) {
		if (overlays[id] !== DEFAULT_OVERLAYS[id]) query.set(param, overlays[id] ? '1' : '0');
	}
}
