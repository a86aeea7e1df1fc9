/**
 * The chart view's text form in the URL, so that a view can be bookmarked and survives a reload. Parsing and
 * formatting belong to core (`params.ts`, shared with the API and the CLI); this adds the browser's fallback (a bad
 * parameter is dropped with a message naming it, and the others are kept) and the display-only overlay flags.
 */
import { formatViewParams, ParamError, parseViewParams, type ViewParams } from '$lib/core/analysis/params.ts';
import { formatOverlays, parseOverlays, type OverlayVisibility } from './overlay-params.ts';

export interface ViewFromUrl {
	view: ViewParams;
	overlays: OverlayVisibility;
	/** One message per refused parameter, e.g. `tf="7m": expected one of 5m, 15m, 1h, 4h, 1d`. */
	refused: string[];
}

export function readViewFromUrl(search: URLSearchParams): ViewFromUrl {
	const params = new URLSearchParams(search);
	const { overlays, refused } = parseOverlays(search);
	// Each pass drops the parameter that was refused; there are fewer parameters than passes.
	for (let pass = 0; pass < 32; pass++) {
		try {
			return { view: parseViewParams((name) => params.get(name)), overlays, refused };
		} catch (error) {
			if (!(error instanceof ParamError) || !params.has(error.param)) throw error;
			refused.push(error.message);
			params.delete(error.param);
		}
	}
	throw new Error('view parameters: too many refused values');
}

/** The query string of a view and its overlays, with a leading "?" when not empty. */
export function viewQuery(view: ViewParams, overlays: OverlayVisibility): string {
	const params = formatViewParams(view);
	formatOverlays(overlays, params);
	const query = params.toString();
	return query ? `?${query}` : '';
}
