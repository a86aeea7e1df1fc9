/**
 * The app's dark, TradingView-like palette, written once: the chart (`chart/theme.ts`) and the exported image
 * (`export/annotated-image.ts`) take their colours from here. The page's CSS variables (`routes/global.css`) hold the
 * same values (CSS cannot import this module): change both together.
 */
export const palette = {
	/** Chart and image background (`--chart-bg`). */
	background: '#0e1117',
	/** Panels (`--panel`). */
	panel: '#131722',
	border: '#2a2e39',
	text: '#c3c6ce',
	/** Headings and figures that must stand out (`--text-strong`). */
	strong: '#eef0f4',
	muted: '#8a8f9c',
	/** Up candles, passing checks (`--up`). */
	up: '#26a69a',
	/** Down candles (`--down`). */
	down: '#ef5350',
	warn: '#f0b429',
	block: '#f2605a',
	/** Long liquidations (`--long`). */
	long: '#3dd6c6',
	/** Short liquidations (`--short`). */
	short: '#c58cff',
	font: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Ubuntu, sans-serif"
} as const;
