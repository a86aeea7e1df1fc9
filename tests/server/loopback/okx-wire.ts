/**
 * The okx wire format (now in `src/lib/server/demo-market/wire/okx.ts`, shared with the demo market) serving the
 * synthetic market at price offset -9 USDT.
 */
import { okxWire } from '../../../src/lib/server/demo-market/wire/okx.ts';
import { syntheticWireMarket } from './synthetic-market.ts';

export const okxRoutes = okxWire.routes(syntheticWireMarket(-9));
