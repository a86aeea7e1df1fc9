/**
 * Keyboard pan and zoom of the time axis, as TradingView's chart does when it has focus: ← / → pan by a tenth of the
 * visible bars, + / − zoom in / out by a fifth around the right edge (the newest bars stay put), Home shows the
 * first bar at the left edge, End brings back the newest bars. Pure: a key and the visible logical range (bar
 * indices) in, the new range out (null: not a navigation key).
 */
export interface LogicalSpan {
	from: number;
	to: number;
}

const PAN_SHARE = 0.1;
const ZOOM_FACTOR = 1.25;
/** Never fewer bars than this in view when zooming in. */
const MIN_BARS = 10;

export function navigate(key: string, range: LogicalSpan, barCount: number, rightSpaceBars: number): LogicalSpan | null {
	const width = range.to - range.from;
	const pan = Math.max(1, Math.round(width * PAN_SHARE));
	switch (key) {
		case 'ArrowLeft':
			return { from: range.from - pan, to: range.to - pan };
		case 'ArrowRight':
			return { from: range.from + pan, to: range.to + pan };
		case '+':
		case '=': {
			const next = Math.max(MIN_BARS, width / ZOOM_FACTOR);
			return { from: range.to - next, to: range.to };
		}
		case '-':
		case '_': {
			const next = Math.min(Math.max(barCount + rightSpaceBars, MIN_BARS), width * ZOOM_FACTOR);
			return { from: range.to - next, to: range.to };
		}
		case 'Home':
			return { from: 0, to: width };
		case 'End': {
			const to = barCount - 1 + rightSpaceBars;
			return { from: to - width, to };
		}
		default:
			return null;
	}
}
