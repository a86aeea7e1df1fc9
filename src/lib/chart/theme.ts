import { palette } from '../theme.ts';

/** Colours of the dark, TradingView-like chart theme (the shared palette, `lib/theme.ts`, plus chart-only shades). */
export const chartTheme = {
	background: palette.background,
	text: '#b2b5be',
	grid: 'rgba(42, 46, 57, 0.55)',
	border: palette.border,
	crosshair: 'rgba(178, 181, 190, 0.55)',
	candleUp: palette.up,
	candleDown: palette.down,
	volumeUp: 'rgba(38, 166, 154, 0.45)',
	volumeDown: 'rgba(239, 83, 80, 0.45)',
	volumeSma: '#5b8def',
	rsi: '#9c7ae0',
	fontFamily: palette.font
} as const;
