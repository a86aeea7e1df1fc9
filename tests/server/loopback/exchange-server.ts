/** The loopback exchange server moved to `src/lib/server/demo-market/` (the demo market runs it from the CLI). */
export * from '../../../src/lib/server/demo-market/exchange-server.ts';
