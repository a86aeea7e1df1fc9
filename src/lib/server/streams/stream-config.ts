/**
 * Stream settings from the environment, read like `config.ts` reads the rest:
 * - `LIQMAP_EXCHANGE_WS_URL_BINANCEUSDM` / `_BYBIT` / `_OKX`: test and demo override of an exchange's websocket origin
 *   (the demo market prints them). Only loopback origins (`ws://127.0.0.1:PORT`, `ws://localhost:PORT`) are accepted,
 *   like `LIQMAP_EXCHANGE_URL_<ID>`; ccxt's paths are kept, only scheme and host are replaced.
 * The timings below are fixed (documented in the README's "Live streams" section).
 */
import { loopbackOrigin } from '../config.ts';
import { EXCHANGE_IDS, type ExchangeId } from '../exchange-client.ts';

export interface StreamTiming {
	/** A connected stream with no message for this long (ms) is reconnected. */
	stallMs: number;
	/** How often the stall is checked (ms). */
	stallCheckMs: number;
	/** Waits before reconnection attempts 1, 2, 3…, ms (the last repeats). */
	backoffMs: readonly number[];
	/** Failed connection attempts in a row after which the stream falls back to REST polling. */
	maxFailures: number;
	/** REST polling period while websockets are refused (ms). */
	pollMs: number;
	/** While polling, websockets are tried again after this long (ms). */
	wsRetryMs: number;
	/** Open-interest polling period where the exchange has no stream (ms). */
	openInterestPollMs: number;
	/** Open-interest and funding updates closer than this (ms of event time) are merged (Bybit sends ~10/s). */
	throttleMs: number;
}

export const STREAM_TIMING: StreamTiming = {
	stallMs: 60_000,
	stallCheckMs: 5_000,
	backoffMs: [1_000, 2_000, 5_000, 10_000, 30_000],
	maxFailures: 5,
	pollMs: 15_000,
	wsRetryMs: 300_000,
	openInterestPollMs: 60_000,
	throttleMs: 5_000
};

export interface StreamConfig {
	wsOrigins: Partial<Record<ExchangeId, string>>;
}

export function readStreamConfig(env: Record<string, string | undefined> = process.env): StreamConfig {
	const wsOrigins: Partial<Record<ExchangeId, string>> = {};
	for (const id of EXCHANGE_IDS) {
		const name = `LIQMAP_EXCHANGE_WS_URL_${id.toUpperCase()}`;
		const raw = env[name];
		if (raw) wsOrigins[id] = loopbackOrigin(name, raw, 'ws');
	}
	return { wsOrigins };
}
