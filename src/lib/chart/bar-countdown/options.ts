/**
 * Options of the countdown to the bar close, shown on the price axis under the last price (live data only). Bars close
 * on UTC boundaries of the timeframe (as the exchanges' candles do), so the close is (⌊now / bar⌋ + 1) · bar.
 */
export interface BarCountdownOptions {
	visible?: boolean;
	/** The clock (ms UTC); injectable so that tests fix the time. */
	now?: () => number;
	textColour?: string;
	backColour?: string;
	/** Media px between the last price's label and the countdown's. */
	offsetPx?: number;
	/** Called with the text shown ("" when none), for the page's data attributes. */
	onText?: (text: string) => void;
}

export const defaults: Required<BarCountdownOptions> = {
	visible: true,
	now: () => Date.now(),
	textColour: '#d1d4dc',
	backColour: '#363a45',
	offsetPx: 17,
	onText: () => {}
};

/** Time left until the bar of `barMs` that holds `now` closes: "mm:ss", or "h:mm:ss" from an hour on. */
export function countdownText(now: number, barMs: number): string {
	const left = Math.max(0, Math.ceil(((Math.floor(now / barMs) + 1) * barMs - now) / 1000));
	const hours = Math.floor(left / 3600);
	const mm = String(Math.floor((left % 3600) / 60)).padStart(2, '0');
	const ss = String(left % 60).padStart(2, '0');
	return hours ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}
