/** Colours of the dark, TradingView-like chart theme; the page's CSS variables use the same values. */
export const chartTheme = {
	background: '#0e1117',
	text: '#b2b5be',
	grid: 'rgba(42, 46, 57, 0.55)',
	border: '#2a2e39',
	crosshair: 'rgba(178, 181, 190, 0.55)',
	candleUp: '#26a69a',
	candleDown: '#ef5350',
	volumeUp: 'rgba(38, 166, 154, 0.45)',
	volumeDown: 'rgba(239, 83, 80, 0.45)',
	volumeSma: '#5b8def',
	rsi: '#9c7ae0',
	fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Ubuntu, sans-serif"
} as const;
