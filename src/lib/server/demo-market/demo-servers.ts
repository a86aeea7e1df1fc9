/**
 * The demo market: one loopback server per exchange (REST and websocket on one port, 127.0.0.1 only), each playing
 * that exchange's wire format over its own `DemoMarket` (same sample path, its own price offset and traders), so ccxt
 * talks to it unchanged once the app's environment points at it (`envLines()`).
 *
 * Time: `advanceTo(t)` moves every market to market time t and pushes what happened in between to the subscribed
 * sockets. Nothing here reads the wall clock: tests call `advanceTo` by hand; `liqmap demo-market` calls it from a
 * timer with the wall clock's time.
 */
import type { Candle } from '../../core/types.ts';
import type { ExchangeId } from '../exchange-client.ts';
import { DemoMarket } from './demo-market.ts';
import { LoopbackExchange } from './exchange-server.ts';
import { SAMPLE_BAR_MS } from './sample-path.ts';
import { binanceusdmWire } from './wire/binanceusdm.ts';
import { bybitWire } from './wire/bybit.ts';
import type { ExchangeWire } from './wire/common.ts';
import { okxWire } from './wire/okx.ts';

/** Each demo exchange: its wire format, price offset from the sample (USDT) and traders' seed. */
const DEMO_EXCHANGES: Record<ExchangeId, { wire: ExchangeWire; priceOffset: number; seed: number }> = {
	binanceusdm: { wire: binanceusdmWire, priceOffset: 0, seed: 11 },
	bybit: { wire: bybitWire, priceOffset: 6, seed: 22 },
	okx: { wire: okxWire, priceOffset: -4, seed: 33 }
};
/** The exchanges the demo market plays, in port order. */
export const DEMO_EXCHANGE_IDS: readonly ExchangeId[] = Object.keys(DEMO_EXCHANGES);

export interface DemoServersOptions {
	/** The sample's 5-minute candles. */
	bars: readonly Candle[];
	/** Market time at which the replay starts (ms; rounded down to 5 minutes). */
	start: number;
	/** Sample bars per second of market time from `start` on (default 1). */
	speed?: number;
	/** Bars of the sample before `start` (history); default 80 % of the sample. */
	startBar?: number;
	/** First port (the exchanges take three in a row); 0 = chosen by the system. */
	port?: number;
	/** Only these exchanges (default: all three). */
	exchanges?: readonly ExchangeId[];
}

export class DemoServers {
	#time: number;

	private constructor(
		readonly markets: Partial<Record<ExchangeId, DemoMarket>>,
		readonly servers: Partial<Record<ExchangeId, LoopbackExchange>>,
		start: number
	) {
		this.#time = start;
	}

	static async start(options: DemoServersOptions): Promise<DemoServers> {
		const start = Math.floor(options.start / SAMPLE_BAR_MS) * SAMPLE_BAR_MS;
		const clock = { start, startBar: options.startBar ?? Math.floor(options.bars.length * 0.8), speed: options.speed ?? 1 };
		const ids = options.exchanges ?? DEMO_EXCHANGE_IDS;
		const markets: Partial<Record<ExchangeId, DemoMarket>> = {};
		const servers: Partial<Record<ExchangeId, LoopbackExchange>> = {};
		try {
			for (const [i, id] of ids.entries()) {
				const { wire, priceOffset, seed } = DEMO_EXCHANGES[id];
				const market = new DemoMarket({ bars: options.bars, clock, priceOffset, seed });
				markets[id] = market;
				servers[id] = await LoopbackExchange.start(wire.routes(market), wire.protocol, options.port ? options.port + i : 0);
			}
		} catch (error) {
			await Promise.all(Object.values(servers).map((server) => server?.close()));
			throw error;
		}
		return new DemoServers(markets, servers, start);
	}

	/** Market time now (ms). */
	get time(): number {
		return this.#time;
	}

	/** Moves every market to `time` and pushes the candles, prints, open interest and funding of the interval. */
	advanceTo(time: number): void {
		if (time <= this.#time) return;
		const from = this.#time;
		this.#time = time;
		for (const [id, market] of Object.entries(this.markets) as [ExchangeId, DemoMarket][]) {
			market.advanceTo(time);
			const server = this.servers[id];
			if (server) DEMO_EXCHANGES[id].wire.publish(server, market, from, time);
		}
	}

	server(id: ExchangeId): LoopbackExchange {
		const server = this.servers[id];
		if (!server) throw new Error(`demo market: ${id} is not running`);
		return server;
	}

	/** The environment lines that point liqmap (server or CLI) at the demo exchanges. */
	envLines(): string[] {
		return (Object.entries(this.servers) as [ExchangeId, LoopbackExchange][]).flatMap(([id, server]) => [
			`LIQMAP_EXCHANGE_URL_${id.toUpperCase()}=${server.origin}`,
			`LIQMAP_EXCHANGE_WS_URL_${id.toUpperCase()}=${server.wsOrigin}`
		]);
	}

	async close(): Promise<void> {
		await Promise.all(Object.values(this.servers).map((server) => server?.close()));
	}
}
