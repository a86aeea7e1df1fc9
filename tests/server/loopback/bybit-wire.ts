/**
 * The bybit wire format (now in `src/lib/server/demo-market/wire/bybit.ts`, shared with the demo market) serving the
 * synthetic market at price offset 12 USDT.
 */
import { bybitWire } from '../../../src/lib/server/demo-market/wire/bybit.ts';
import { syntheticWireMarket } from './synthetic-market.ts';

export const bybitRoutes = bybitWire.routes(syntheticWireMarket(12));
