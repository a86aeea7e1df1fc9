/** Fault injection on the loopback exchanges of the E2E server (`loopback-server.ts`), from the test process. */
import type { FaultRule } from '../tests/server/loopback/exchange-server.ts';

const CONTROL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173) + 1}`;

async function post(path: string, body: unknown = {}): Promise<void> {
	const response = await fetch(`${CONTROL}${path}`, { method: 'POST', body: JSON.stringify(body) });
	if (!response.ok) throw new Error(`loopback control ${path}: HTTP ${response.status} ${await response.text()}`);
}

/** Every request to `exchange` (whose path contains `rule.path`, if given) gets the fault until `resetLoopback()`. */
export const setFaults = (exchange: 'binanceusdm' | 'bybit' | 'okx', rules: FaultRule[]) => post('/faults', { exchange, rules });

export const resetLoopback = () => post('/reset');
