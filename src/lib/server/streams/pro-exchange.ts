/**
 * A ccxt websocket instance (`ccxt.pro[adapter.ccxtClass]`) for one exchange's stream, whose raw messages go first through the
 * stream's `onMessage` (which counts and drops bad ones: a message it refuses never reaches ccxt). Markets are taken
 * from the REST client (loaded once, under the process-wide limiter), so the websocket instance sends no REST request
 * of its own. REST and websocket origins follow `LIQMAP_EXCHANGE_URL_<ID>` / `LIQMAP_EXCHANGE_WS_URL_<ID>`; a `ws://`
 * origin needs ccxt's proxy agents loaded first (`loadHttpProxyAgent`), which ccxt otherwise does only for wss.
 */
import { ccxtOptions, pointApiAt, type ExchangeClient } from '../exchange-client.ts';
import { exchangeAdapter } from '../exchanges.ts';
import type { ProExchange, StreamConnector } from './connector.ts';

export async function createProExchange(client: ExchangeClient, connector: StreamConnector, wsOrigin: string | undefined, onMessage: (message: unknown) => boolean): Promise<ProExchange> {
	const ccxt = await import('ccxt');
	const adapter = exchangeAdapter(client.id);
	const Base = ccxt.pro[adapter.ccxtClass] as unknown as typeof ccxt.Exchange;
	class HookedExchange extends Base {
		handleMessage(socket: unknown, message: unknown) {
			if (onMessage(message)) return (super.handleMessage as (socket: unknown, message: unknown) => unknown)(socket, message);
		}
		/** ccxt logs undecodable frames to stdout: they are counted here instead. */
		log(): void {}
	}
	// No rate limiter on this instance: it sends no REST request, and ccxt's throttled subscribe path leaves a send on a
	// socket closed meanwhile as an unhandled rejection (the unthrottled path catches it).
	const exchange = new HookedExchange({ enableRateLimit: false, timeout: client.config.upstreamTimeoutMs, options: { ...ccxtOptions(adapter), ...connector.options } }) as unknown as ProExchange;
	const restOrigin = client.config.exchangeOrigins[client.id];
	if (restOrigin) pointApiAt(exchange.urls.api, restOrigin);
	if (wsOrigin) {
		pointApiAt(exchange.urls.api, wsOrigin, /^wss?:\/\/[^/]+/);
		await (exchange as unknown as { loadHttpProxyAgent(): Promise<unknown> }).loadHttpProxyAgent();
	}
	const rest = await client.call('markets', async (restExchange) => restExchange);
	exchange.setMarketsFromExchange(rest);
	return exchange;
}
