/**
 * The `watch` and `demo-market` help texts are built from the exchange registry (`server/exchanges.ts`) and the demo's
 * exchanges (`DEMO_EXCHANGE_IDS`): for today's three exchanges they read exactly as they did when written by hand.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MARKET_HELP, WATCH_HELP, WATCH_SOURCES } from '../../../src/lib/cli/stream-commands.ts';
import { DEMO_EXCHANGE_IDS } from '../../../src/lib/server/demo-market/demo-servers.ts';
import { EXCHANGE_IDS } from '../../../src/lib/server/exchanges.ts';

describe('stream command help', () => {
	it('lists every exchange of the registry, then "all"', () => {
		expect(WATCH_SOURCES).toEqual([...EXCHANGE_IDS, 'all']);
		// The hand-written line of the first release (registry: binanceusdm, bybit, okx).
		expect(WATCH_HELP.split('\n')[0]).toBe('usage: liqmap watch --source binanceusdm|bybit|okx|all [--timeframe 5m|15m|1h|4h|1d] [--json]');
	});

	it('names the demo exchanges and their ports', () => {
		expect(DEMO_EXCHANGE_IDS).toEqual(['binanceusdm', 'bybit', 'okx']);
		expect(DEMO_MARKET_HELP.split('\n')[1]).toBe(
			'Starts loopback exchanges (Binance, Bybit, OKX: REST and websocket on ports P, P+1, P+2; default: free ports) that'
		);
	});
});
