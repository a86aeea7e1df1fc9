/**
 * The demo market (three loopback exchanges) with a stream hub pointed at it, both on one manual clock: tests move
 * market time with `advanceTo` and wait for events, never for durations.
 */
import { DemoServers } from '../../../src/lib/server/demo-market/demo-servers.ts';
import type { ExchangeId } from '../../../src/lib/server/exchange-client.ts';
import { LiveSources } from '../../../src/lib/server/live-sources.ts';
import { sampleCandles } from '../../../src/lib/server/sample-source.ts';
import { StreamHub } from '../../../src/lib/server/streams/stream-hub.ts';
import type { StreamEvent, StreamStatus } from '../../../src/lib/server/streams/types.ts';
import type { Timeframe } from '../../../src/lib/core/types.ts';
import { TEST_TIMEOUT_MS } from '../harness.ts';
import { ManualClock } from './manual-clock.ts';

/** 2026-01-10 00:00 UTC: on a 5-minute and an 8-hour boundary. */
export const START = Date.UTC(2026, 0, 10);
/** The demo's default start bar: 80 % of the 25,920 bars of the sample (90 days of 5 minutes). */
export const START_BAR = Math.floor(sampleCandles().length * 0.8);
/** Demo price offsets per exchange (`demo-servers.ts`). */
export const OFFSET: Record<ExchangeId, number> = { binanceusdm: 0, bybit: 6, okx: -4 };

export interface DemoHarness {
	demo: DemoServers;
	clock: ManualClock;
	live: LiveSources;
	hub: StreamHub;
	env: Record<string, string>;
	advanceTo(time: number): void;
	close(): Promise<void>;
}

export async function startDemo(): Promise<DemoHarness> {
	const demo = await DemoServers.start({ bars: sampleCandles(), start: START, speed: 1 });
	const clock = new ManualClock(START);
	const origins = Object.fromEntries(Object.entries(demo.servers).map(([id, server]) => [id, server!.origin]));
	const wsOrigins = Object.fromEntries(Object.entries(demo.servers).map(([id, server]) => [id, server!.wsOrigin]));
	const live = new LiveSources({ defaultSource: 'sample', upstreamTimeoutMs: TEST_TIMEOUT_MS, maxUpstream: 4, analysisWorkers: 1, analysisQueue: 4, exchangeOrigins: origins });
	const hub = new StreamHub({ live, config: { wsOrigins }, clock });
	return {
		demo,
		clock,
		live,
		hub,
		env: Object.fromEntries(demo.envLines().map((line) => line.split('=') as [string, string])),
		advanceTo(time) {
			demo.advanceTo(time);
			clock.advanceTo(time);
		},
		async close() {
			await hub.close();
			await demo.close();
		}
	};
}

/** Resolves when `check` returns a value (checked every few ms); the test's own timeout bounds the wait. */
export async function until<T>(check: () => T | null | undefined | false): Promise<T> {
	for (;;) {
		const value = check();
		if (value !== null && value !== undefined && value !== false) return value;
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

type DataOf<K extends StreamEvent['type']> = Extract<StreamEvent, { type: K }>['data'];

export interface Listener {
	events: StreamEvent[];
	stop: () => void;
	of<K extends StreamEvent['type']>(type: K): DataOf<K>[];
	status(): StreamStatus | undefined;
}

export function listen(hub: StreamHub, ids: ExchangeId[], timeframe: Timeframe = '5m'): Listener {
	const events: StreamEvent[] = [];
	const stop = hub.subscribe(ids, timeframe, (event) => events.push(event));
	function of<K extends StreamEvent['type']>(type: K): DataOf<K>[] {
		return events.filter((e) => e.type === type).map((e) => e.data as DataOf<K>);
	}
	return { events, stop, of, status: () => of('status').at(-1) };
}

/** Waits until the exchange's stream says connected and the demo server holds its subscriptions. */
export async function connected(harness: DemoHarness, id: ExchangeId, listener: Listener, topics: number): Promise<void> {
	await until(() => listener.status()?.state === 'connected');
	await until(() => harness.demo.server(id).sockets.flatMap((s) => [...s.topics]).length >= topics);
}

/** Market time moves in 15-second steps up to `to`, waiting between steps until the stream has read what was sent
 * (the listener's events, or `received()`, grew): a jump over the stall period would rightly count as a stall. */
export async function stepTo(harness: DemoHarness, to: number, listener: Listener | (() => number)): Promise<void> {
	const received = typeof listener === 'function' ? listener : () => listener.events.length;
	for (let t = harness.clock.now() + 15_000; t <= to; t += 15_000) {
		const seen = received();
		harness.advanceTo(t);
		await until(() => received() > seen);
	}
}
