/**
 * Incremental analysis for a live feed: appending one closed candle updates the liquidation map, its clusters and the
 * indicators without touching the history. Cost per candle: the engine's O(levels opened + cells crossed), RSI/ATR
 * O(1); a map costs O(open cells) and cluster detection O(bins). Same model and rules as `analyze()`; the map's bin
 * width and the engine's cell width are fixed when the session starts (automatic from the last close, or the user's).
 */
import { detectClusters } from './clusters.ts';
import { StreamingAtr, StreamingRsi } from '../confluence/indicators.ts';
import { LiquidationEngine } from './liquidation-engine.ts';
import type { ModelOptions } from '../analysis/params.ts';
import { autoBinWidth, binGrid, cellWidthFor } from './price-bins.ts';
import type { Candle, Cluster, LiquidationMap } from '../types.ts';

export class LiveAnalysis {
	readonly #engine: LiquidationEngine;
	readonly #binWidth: number;
	readonly #rsi = new StreamingRsi();
	readonly #atr = new StreamingAtr();
	readonly #model: ModelOptions;
	#lastCandle: Candle | null = null;
	#rsiValue: number | null = null;
	#atrValue: number | null = null;

	/** `history`: closed candles of one timeframe (`candleMs`), oldest first; `openInterest[i]` optional (USDT). */
	constructor(history: readonly Candle[], model: ModelOptions, candleMs: number, openInterest?: readonly (number | null)[]) {
		if (history.length === 0) throw new RangeError('a live analysis needs at least one candle');
		this.#model = model;
		const lastClose = history[history.length - 1].close;
		const cellWidth = cellWidthFor(lastClose, model.binWidth);
		this.#engine = new LiquidationEngine({ ...model, candleMs, cellWidth, capacityHint: history.length, keepLiquidations: 20_000 });
		this.#binWidth = model.binWidth ?? autoBinWidth(lastClose);
		history.forEach((candle, i) => this.append(candle, openInterest?.[i] ?? null));
	}

	/** Adds one closed candle (and the open interest at its close, USDT, if known). */
	append(candle: Candle, openInterest: number | null = null): void {
		if (this.#lastCandle && candle.time <= this.#lastCandle.time)
			throw new RangeError(`candle ${new Date(candle.time).toISOString()} is not after the last one`);
		this.#engine.add(candle, openInterest);
		this.#rsiValue = this.#rsi.add(candle.close);
		this.#atrValue = this.#atr.add(candle);
		this.#lastCandle = candle;
	}

	get lastCandle(): Candle {
		return this.#lastCandle!;
	}

	get rsi(): number | null {
		return this.#rsiValue;
	}

	get atr(): number | null {
		return this.#atrValue;
	}

	get engine(): LiquidationEngine {
		return this.#engine;
	}

	/** The map as of the last candle (USDT per bin), over the bins holding open notional. */
	map(): LiquidationMap {
		const close = this.lastCandle.close;
		const range = this.#engine.openRange() ?? { low: close, high: close };
		const grid = binGrid(range.low, range.high, this.#binWidth);
		return this.#engine.map(grid.priceMin, grid.binWidth, grid.binCount);
	}

	clusters(map: LiquidationMap = this.map()): Cluster[] {
		return detectClusters(map, { threshold: this.#model.clusterThreshold, lastClose: this.lastCandle.close, atr: this.#atrValue });
	}
}
