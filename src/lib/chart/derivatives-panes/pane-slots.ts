/**
 * Keeps the chart's extra panes (open interest, funding) below the fixed ones (price, volume, RSI) in a set order,
 * whichever is switched on first: a pane is created at the bottom, then swapped into its place.
 */
import type { IChartApi, ISeriesApi, SeriesType, Time } from 'lightweight-charts';

export class PaneSlots {
	readonly #slots = new Map<number, ISeriesApi<SeriesType, Time>>();

	constructor(
		readonly chart: IChartApi,
		/** Panes above the extra ones (price, volume, RSI). */
		readonly fixedPanes: number
	) {}

	/** Creates a series in a new pane at place `order` (0 = first extra pane). */
	add<T extends SeriesType>(order: number, create: (paneIndex: number) => ISeriesApi<T, Time>): ISeriesApi<T, Time> {
		const series = create(this.chart.panes().length);
		this.#slots.set(order, series as unknown as ISeriesApi<SeriesType, Time>);
		const orders = [...this.#slots.keys()].sort((a, b) => a - b);
		for (const [rank, slot] of orders.entries()) {
			const current = this.#slots.get(slot)!.getPane().paneIndex();
			const wanted = this.fixedPanes + rank;
			if (current !== wanted) this.chart.swapPanes(current, wanted);
		}
		return series;
	}

	/** Removes the series of place `order` (its pane goes with it). */
	remove(order: number): void {
		const series = this.#slots.get(order);
		if (!series) return;
		this.#slots.delete(order);
		this.chart.removeSeries(series);
	}
}
