/**
 * The open-interest pane and the funding pane (`options.ts`): each a series in a pane of its own, created when
 * switched on and removed when off, captioned with its newest value (and for open interest the change over the
 * visible bars, for funding the annualised rate and the extreme threshold). For data without derivatives the pane
 * says so instead of drawing anything.
 */
import {
	HistogramSeries,
	LineSeries,
	type HistogramData,
	type IChartApi,
	type ISeriesApi,
	type LineData,
	type Time,
	type UTCTimestamp
} from 'lightweight-charts';
import { barOf, type LiveOverlayData } from '../common/live-data.ts';
import { PaneGuides } from '../pane-guides/primitive.ts';
import {
	derivativesPaneColours as colours,
	FUNDING_EXTREME,
	FUNDING_STRETCH,
	FUNDINGS_PER_YEAR,
	OPEN_INTEREST_STRETCH,
	signedPct
} from './options.ts';
import type { PaneSlots } from './pane-slots.ts';

export type DerivativesPaneKind = 'openInterest' | 'funding';

/** What a pane shows, for the page's data attributes (values in USDT or fractions per 8 h; null: none). */
export interface DerivativesPaneState {
	points: number;
	first: number | null;
	last: number | null;
	/** Open interest: change over the visible bars, fraction. */
	changeInView: number | null;
	/** Funding: bars at or beyond the extreme threshold. */
	extremes: number;
}

const toChartTime = (ms: number) => (ms / 1000) as UTCTimestamp;

export class DerivativesPane {
	#series: ISeriesApi<'Line' | 'Histogram', Time> | null = null;
	readonly #guides: PaneGuides;
	#data: LiveOverlayData | null = null;
	/** The drawn points: bar open times (ms) and values. */
	#times: number[] = [];
	#values: number[] = [];

	constructor(
		readonly kind: DerivativesPaneKind,
		readonly slots: PaneSlots,
		readonly formatNotional: (usd: number) => string,
		readonly report: (state: DerivativesPaneState | null) => void
	) {
		this.#guides = new PaneGuides({ levels: kind === 'funding' ? [FUNDING_EXTREME * 100, -FUNDING_EXTREME * 100] : [] });
	}

	get #chart(): IChartApi {
		return this.slots.chart;
	}

	setVisible(visible: boolean): void {
		if (visible === (this.#series !== null)) return;
		if (!visible) {
			this.#series?.detachPrimitive(this.#guides);
			this.slots.remove(this.kind === 'openInterest' ? 0 : 1);
			this.#series = null;
			this.#chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.#caption);
			this.report(null);
			return;
		}
		this.#series =
			this.kind === 'openInterest'
				? this.slots.add(0, (pane) =>
						this.#chart.addSeries(
							LineSeries,
							{
								color: colours.openInterest,
								lineWidth: 1,
								priceLineVisible: false,
								crosshairMarkerVisible: false,
								priceFormat: { type: 'custom', minMove: 1, formatter: (usd: number) => this.formatNotional(usd) }
							},
							pane
						)
					)
				: this.slots.add(1, (pane) =>
						this.#chart.addSeries(
							HistogramSeries,
							{
								priceLineVisible: false,
								lastValueVisible: true,
								priceFormat: { type: 'custom', minMove: 0.0001, formatter: (pct: number) => `${(Math.abs(pct) < 0.00005 ? 0 : pct).toFixed(4)}%` }
							},
							pane
						)
					);
		this.#series.getPane().setStretchFactor(this.kind === 'openInterest' ? OPEN_INTEREST_STRETCH : FUNDING_STRETCH);
		// Room above the values for the caption.
		this.#series.priceScale().applyOptions({ scaleMargins: { top: 0.3, bottom: 0.06 } });
		this.#series.attachPrimitive(this.#guides);
		this.#chart.timeScale().subscribeVisibleLogicalRangeChange(this.#caption);
		if (this.#data) this.setData(this.#data, true);
	}

	setData(data: LiveOverlayData, force = false): void {
		const previous = this.#data;
		this.#data = data;
		const series = this.#series;
		if (!series) return;
		// A new print changes nothing here: the series are replaced only when their inputs changed.
		const own = (d: LiveOverlayData) => (this.kind === 'openInterest' ? d.openInterest : d.funding);
		const same =
			previous && previous.available === data.available && own(previous) === own(data) && previous.candleTimes === data.candleTimes && previous.newestBar === data.newestBar;
		if (same && !force) return;
		const points = data.available ? (this.kind === 'openInterest' ? data.openInterest.map((p) => ({ time: p.time, value: p.value })) : data.funding.map((p) => ({ time: p.time, value: p.rate }))) : [];
		const aligned = alignToBars(points, data, this.kind === 'funding');
		this.#times = aligned.times;
		this.#values = aligned.values;
		if (this.kind === 'openInterest') (series as ISeriesApi<'Line', Time>).setData(this.#times.map((time, i): LineData<Time> => ({ time: toChartTime(time), value: this.#values[i] })));
		else
			(series as ISeriesApi<'Histogram', Time>).setData(
				this.#times.map((time, i): HistogramData<Time> => {
					const rate = this.#values[i];
					const colour = Math.abs(rate) >= FUNDING_EXTREME ? colours.fundingExtreme : rate >= 0 ? colours.fundingPositive : colours.fundingNegative;
					return { time: toChartTime(time), value: rate * 100, color: colour };
				})
			);
		this.#caption();
	}

	readonly #caption = (): void => {
		if (!this.#series || !this.#data) return;
		const name = this.kind === 'openInterest' ? 'Open interest' : 'Funding';
		if (!this.#data.available || this.#times.length === 0) {
			this.#guides.applyOptions({ caption: [[name, colours.caption], [this.#data.available ? 'no data yet' : 'no derivatives data for this source', colours.caption]] });
			return this.report({ points: 0, first: null, last: null, changeInView: null, extremes: 0 });
		}
		const last = this.#values[this.#values.length - 1];
		const state: DerivativesPaneState = { points: this.#times.length, first: this.#values[0], last, changeInView: null, extremes: 0 };
		if (this.kind === 'openInterest') {
			state.changeInView = this.#changeInView();
			const change = state.changeInView === null ? [] : ([[`${signedPct(state.changeInView, 2)} in view`, state.changeInView >= 0 ? colours.fundingPositive : colours.fundingNegative]] as const);
			this.#guides.applyOptions({ caption: [[name, colours.caption], [this.formatNotional(last), colours.openInterest], ...change] });
		} else {
			state.extremes = this.#values.filter((rate) => Math.abs(rate) >= FUNDING_EXTREME).length;
			const colour = Math.abs(last) >= FUNDING_EXTREME ? colours.fundingExtreme : colours.caption;
			this.#guides.applyOptions({
				caption: [
					[`${name} /8h`, colours.caption],
					[signedPct(last, 4), colour],
					[`${signedPct(last * FUNDINGS_PER_YEAR, 1)} /yr`, colour],
					[`extreme ≥ ±${(FUNDING_EXTREME * 100).toFixed(2)} %`, colours.fundingExtreme]
				]
			});
		}
		this.report(state);
	};

	/** (last − first) / first of the points in the visible bars; null with fewer than two. */
	#changeInView(): number | null {
		const range = this.#chart.timeScale().getVisibleRange();
		if (!range) return null;
		const from = (range.from as number) * 1000;
		const to = (range.to as number) * 1000;
		let first: number | null = null;
		let last: number | null = null;
		for (let i = 0; i < this.#times.length; i++) {
			if (this.#times[i] < from || this.#times[i] > to) continue;
			first ??= this.#values[i];
			last = this.#values[i];
		}
		return first !== null && last !== null && first > 0 && this.#times.length > 1 ? (last - first) / first : null;
	}

	dispose(): void {
		this.#chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.#caption);
	}
}

/**
 * Points placed on the chart's bars (only bars that exist, so no time is added to the time scale), the last reading
 * of each bar kept; `carry` fills every bar after the first reading with the value in force (funding's rate holds
 * until the next settlement).
 */
export function alignToBars(points: readonly { time: number; value: number }[], data: Pick<LiveOverlayData, 'barMs' | 'candleTimes' | 'newestBar'>, carry: boolean): { times: number[]; values: number[] } {
	const bars = data.newestBar > (data.candleTimes.at(-1) ?? -Infinity) ? [...data.candleTimes, data.newestBar] : data.candleTimes;
	const times: number[] = [];
	const values: number[] = [];
	let p = 0;
	let current: number | null = null;
	for (const bar of bars) {
		let found = false;
		while (p < points.length && barOf(points[p].time, data.barMs) <= bar) {
			current = points[p].value;
			found = barOf(points[p].time, data.barMs) === bar || found;
			p++;
		}
		if (current !== null && (found || carry)) {
			times.push(bar);
			values.push(current);
		}
	}
	return { times, values };
}
