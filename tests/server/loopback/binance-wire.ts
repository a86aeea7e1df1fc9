/**
 * The binanceusdm wire format (now in `src/lib/server/demo-market/wire/binanceusdm.ts`, shared with the demo market) serving the
 * synthetic market at price offset 0 USDT.
 */
import { binanceusdmWire } from '../../../src/lib/server/demo-market/wire/binanceusdm.ts';
import { syntheticWireMarket } from './synthetic-market.ts';

export const binanceRoutes = binanceusdmWire.routes(syntheticWireMarket(0));
