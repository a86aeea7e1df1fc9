/**
 * The exchange registry: every exchange adapter (`<id>.ts`: REST through ccxt, websocket stream, capabilities), one line,
 * in aggregate order (the first exchange that answers is the charted reference). Adding an exchange is one adapter
 * file and its name on this line; what the rest of the app knows of exchanges derives from it (`../exchanges.ts`).
 */
import { binanceusdmAdapter } from './binanceusdm.ts';
import { bybitAdapter } from './bybit.ts';
import { okxAdapter } from './okx.ts';
import type { ExchangeAdapter } from './types.ts';

export const ADAPTERS: readonly ExchangeAdapter[] = [binanceusdmAdapter, bybitAdapter, okxAdapter];
