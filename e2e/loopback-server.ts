/**
 * The E2E web server: three loopback exchanges (Binance, Bybit, OKX wire formats from `tests/server/loopback/`, on
 * 127.0.0.1, ports chosen by the OS), then the built app (`node build`) pointed at them through
 * `LIQMAP_EXCHANGE_URL_*`. A control endpoint on 127.0.0.1:E2E_CONTROL_PORT lets tests inject faults:
 *   POST /faults {"exchange": "okx", "rules": [{"fault": "http-503", "path": "/candles"}]}   POST /reset
 *   POST /clock {"start": 1767225600000}: the market's time starts there and runs on (`clockFrom`); {"start": null}: wall clock
 * `LOOPBACK_START` (ms UTC or an ISO date) sets that start for the whole run.
 * Started by Playwright's `webServer` (see `playwright.config.ts`); it stops the app when it is stopped itself.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { binanceRoutes } from '../tests/server/loopback/binance-wire.ts';
import { bybitRoutes } from '../tests/server/loopback/bybit-wire.ts';
import { LoopbackExchange, type FaultRule } from '../tests/server/loopback/exchange-server.ts';
import { clockFrom, setLoopbackClock } from '../tests/server/loopback/synthetic-market.ts';
import { okxRoutes } from '../tests/server/loopback/okx-wire.ts';

const appPort = Number(process.env.PORT ?? 4173);
const controlPort = Number(process.env.E2E_CONTROL_PORT ?? appPort + 1);

const exchanges: Record<string, LoopbackExchange> = {
	binanceusdm: await LoopbackExchange.start(binanceRoutes),
	bybit: await LoopbackExchange.start(bybitRoutes),
	okx: await LoopbackExchange.start(okxRoutes)
};

/** Sets the loopback market's clock (all exchanges): from `start` on (ms UTC), or the wall clock for null. */
function setStart(start: number | null): void {
	setLoopbackClock(start === null ? null : clockFrom(start));
}
const startEnv = process.env.LOOPBACK_START;
if (startEnv) {
	const start = /^\d+$/.test(startEnv) ? Number(startEnv) : Date.parse(startEnv);
	if (!Number.isFinite(start)) throw new Error(`LOOPBACK_START=${JSON.stringify(startEnv)}: expected ms UTC or an ISO date`);
	setStart(start);
}

const control = createServer((request, response) => {
	let body = '';
	request.on('data', (chunk: Buffer) => (body += chunk.toString()));
	request.on('end', () => {
		const answer = (status: number, json: unknown) => {
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(json));
		};
		try {
			if (request.method === 'POST' && request.url === '/reset') {
				for (const exchange of Object.values(exchanges)) exchange.reset();
				return answer(200, { ok: true });
			}
			if (request.method === 'POST' && request.url === '/faults') {
				const { exchange, rules } = JSON.parse(body) as { exchange: string; rules: FaultRule[] };
				const target = exchanges[exchange];
				if (!target) return answer(404, { error: `no exchange ${exchange}` });
				target.faults = rules;
				return answer(200, { ok: true });
			}
			if (request.method === 'POST' && request.url === '/clock') {
				const { start } = JSON.parse(body) as { start: number | null };
				if (start !== null && !Number.isFinite(start)) return answer(400, { error: 'start: expected ms UTC or null' });
				setStart(start);
				return answer(200, { ok: true });
			}
			answer(404, { error: 'unknown control request' });
		} catch (error) {
			answer(400, { error: String(error) });
		}
	});
});
await new Promise<void>((resolve) => control.listen(controlPort, '127.0.0.1', resolve));

const app = spawn(process.execPath, ['build'], {
	stdio: 'inherit',
	env: {
		...process.env,
		PORT: String(appPort),
		HOST: '127.0.0.1',
		// The longest upstream timeout: these exchanges are on this machine, so a slow answer only means a loaded machine
		// (the unit tests cover the timeout itself).
		LIQMAP_UPSTREAM_TIMEOUT_MS: '60000',
		LIQMAP_EXCHANGE_URL_BINANCEUSDM: exchanges.binanceusdm.origin,
		LIQMAP_EXCHANGE_URL_BYBIT: exchanges.bybit.origin,
		LIQMAP_EXCHANGE_URL_OKX: exchanges.okx.origin,
		// These loopback exchanges speak REST only: their websocket refusal puts the streams on REST polling at once
		// (the live view polls, as it does when a stream fails); the demo market's spec covers streaming.
		LIQMAP_EXCHANGE_WS_URL_BINANCEUSDM: exchanges.binanceusdm.wsOrigin,
		LIQMAP_EXCHANGE_WS_URL_BYBIT: exchanges.bybit.wsOrigin,
		LIQMAP_EXCHANGE_WS_URL_OKX: exchanges.okx.wsOrigin
	}
});

async function stop(code: number): Promise<never> {
	app.kill('SIGTERM');
	control.close();
	await Promise.all(Object.values(exchanges).map((exchange) => exchange.close()));
	process.exit(code);
}
app.on('exit', (code) => void stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));
