/**
 * The live view on the stream (`/api/stream`) against the demo market: the built app runs in its own process on
 * E2E_PORT + 2, pointed at the demo exchanges (REST and websocket) started here. While the stream is connected the
 * status line says "streaming" and the live price moves with it; when the exchange refuses websockets, the server falls
 * back to REST and the view says it polls, with the reason. Waits are for what the page shows, not for durations.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { decodeCandlePack, type CandlePack } from '../src/lib/core/market/candle-pack.ts';
import { DemoServers } from '../src/lib/server/demo-market/demo-servers.ts';
import { expect, test, waitForLiveData } from './fixtures.ts';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 2;
const ORIGIN = `http://127.0.0.1:${PORT}`;

test.describe.configure({ mode: 'serial' });

let demo: DemoServers;
let app: ChildProcess;
let ticker: ReturnType<typeof setInterval>;

test.beforeAll(async () => {
	const pack = JSON.parse(readFileSync(new URL('../static/data/bybit-btcusdt-perp-5m.json', import.meta.url), 'utf8')) as CandlePack;
	demo = await DemoServers.start({ bars: decodeCandlePack(pack), start: Date.now(), speed: 1 });
	// The demo market follows the wall clock here, as `liqmap demo-market` does (the app reads it as live data).
	ticker = setInterval(() => demo.advanceTo(Date.now()), 250);
	const env = Object.fromEntries(demo.envLines().map((line) => line.split('=') as [string, string]));
	// The longest upstream timeout: the demo exchanges are on this machine, so a slow answer only means a loaded machine.
	app = spawn(process.execPath, ['build'], { stdio: 'ignore', env: { ...process.env, ...env, PORT: String(PORT), HOST: '127.0.0.1', LIQMAP_UPSTREAM_TIMEOUT_MS: '60000' } });
	await expect.poll(() => fetch(`${ORIGIN}/api/sources`).then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
});

test.afterAll(async () => {
	app?.kill('SIGTERM');
	clearInterval(ticker);
	await demo?.close();
});

test('the live view follows the stream, and says when it falls back to polling', async ({ page, problems }) => {
	void problems;
	await page.goto(`${ORIGIN}/?source=bybit&tf=5m&days=7`);
	await waitForLiveData(page);
	const mode = page.getByTestId('live-mode');
	await expect(mode).toHaveText('streaming');
	const price = page.getByTestId('live-price');
	const first = await price.innerText();
	await expect(price).not.toHaveText(first);
	await page.screenshot({ path: 'test-results/live-stream-streaming.png' });

	const bybit = demo.server('bybit');
	bybit.refuseWebsockets = true;
	bybit.dropConnections();
	await expect(mode).toHaveText('polling · stream unavailable');
	await expect(mode).toHaveAttribute('title', /^Bybit stream polling: websocket unavailable \(.*403.*\): polling REST every 15 s/);
	await expect(page.getByTestId('data-status')).toContainText('Live');
	await page.getByTestId('data-status').screenshot({ path: 'test-results/live-stream-polling.png' });
});
