/**
 * The exchange registry: one adapter per exchange (`adapters/<id>.ts`: id, display name, ccxt class and options,
 * rate limit, page sizes, open-interest capabilities), listed once here. Everything else derives from this list: the
 * sources the API, the CLI and `LIQMAP_DEFAULT_SOURCE` accept, `/api/sources` (which the browser reads for names),
 * the ccxt clients and the loopback test origins. Adding an exchange = one adapter file + one line below.
 *
 * The order is the aggregate order: the first exchange that answers is the charted reference.
 */
import { binanceusdmAdapter } from './adapters/binanceusdm.ts';
import { bybitAdapter } from './adapters/bybit.ts';
import { okxAdapter } from './adapters/okx.ts';
import type { ExchangeAdapter } from './adapters/types.ts';

export const EXCHANGES: readonly ExchangeAdapter[] = [binanceusdmAdapter, bybitAdapter, okxAdapter];

/** An exchange's source id (`binanceusdm`, `bybit`, …): one of `EXCHANGE_IDS`. */
export type ExchangeId = string;

export const EXCHANGE_IDS: readonly ExchangeId[] = EXCHANGES.map((exchange) => exchange.id);

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
