/**
 * What the app knows of exchanges, all derived from the registry (`adapters/index.ts`: one adapter per exchange, with
 * id, display name, ccxt class and options, rate limit, page sizes, open-interest capabilities and websocket stream):
 * the sources the API, the CLI and `LIQMAP_DEFAULT_SOURCE` accept, `/api/sources` (which the browser reads for names),
 * the ccxt clients, the stream connectors and the loopback test origins.
 */
import { SOURCE_ID } from '../core/analysis/params.ts';
import { ADAPTERS } from './adapters/index.ts';
import type { ExchangeAdapter } from './adapters/types.ts';

/** The registry's adapters, in aggregate order: the first exchange that answers is the charted reference. */
export const EXCHANGES: readonly ExchangeAdapter[] = ADAPTERS;

/** An exchange's source id (`binanceusdm`, `bybit`, …): one of `EXCHANGE_IDS`. */
export type ExchangeId = string;

export const EXCHANGE_IDS: readonly ExchangeId[] = EXCHANGES.map((exchange) => exchange.id);

// Ids name sources in URLs and environment variables: one in another form, or clashing with another id or with a
// source that is not an exchange, would make two things answer to one name.
for (const id of EXCHANGE_IDS) {
	if (!SOURCE_ID.test(id) || id === 'sample' || id === 'all' || EXCHANGE_IDS.indexOf(id) !== EXCHANGE_IDS.lastIndexOf(id))
		throw new Error(`exchange registry: adapter id "${id}" must be unique, 1–32 lower-case letters and digits, and not "sample" or "all"`);
}

/** Every source a request may name: the embedded sample, each exchange, all exchanges aggregated. */
export const SOURCE_IDS: readonly string[] = ['sample', ...EXCHANGE_IDS, 'all'];

/** The sources with their display names, as `/api/sources` lists them. */
export const SOURCE_LIST: readonly { id: string; name: string; live: boolean }[] = [
	{ id: 'sample', name: 'Sample', live: false },
	...EXCHANGES.map((exchange) => ({ id: exchange.id, name: exchange.name, live: true })),
	{ id: 'all', name: 'All exchanges', live: true }
];

/** The adapter of an exchange id; throws on an id not in the registry (callers validate sources first). */
export function exchangeAdapter(id: ExchangeId): ExchangeAdapter {
	const adapter = EXCHANGES.find((exchange) => exchange.id === id);
	if (!adapter) throw new RangeError(`no exchange "${id}" (expected one of ${EXCHANGE_IDS.join(', ')})`);
	return adapter;
}

export const exchangeName = (id: ExchangeId): string => exchangeAdapter(id).name;
