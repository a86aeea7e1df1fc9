import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { decodeCandlePack, type CandlePack } from '../src/lib/core/market/candle-pack.ts';
import { DemoServers } from '../src/lib/server/demo-market/demo-servers.ts';
import { expect, test, waitForAnalysis } from './fixtures.ts';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 3;
const ORIGIN = `http://127.0.0.1:${PORT}`;
let demo: DemoServers;
let app: ChildProcess;
let ticker: ReturnType<typeof setInterval>;

test.beforeAll(async () => {
	const pack = JSON.parse(readFileSync(new URL('../static/data/bybit-btcusdt-perp-5m.json', import.meta.url), 'utf8')) as CandlePack;
	demo = await DemoServers.start({ bars: decodeCandlePack(pack), start: Date.now(), speed: 1 / 300 });
	ticker = setInterval(() => demo.advanceTo(Date.now()), 250);
	const env = Object.fromEntries(demo.envLines().map((line) => line.split('=') as [string, string]));
	app = spawn(process.execPath, ['build'], { stdio: 'ignore', env: { ...process.env, ...env, PORT: String(PORT), HOST: '127.0.0.1' } });
	await expect.poll(() => fetch(`${ORIGIN}/api/sources`).then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
});
test.afterAll(async () => {
	app?.kill('SIGTERM');
	clearInterval(ticker);
	await demo?.close();
});

for (const [w, h, name] of [[1440, 900, 'desktop'], [390, 844, 'phone']] as const)
	test(`look ${name}`, async ({ page }) => {
		const market = demo.markets.bybit!;
		const now = Date.now();
		const prints = market.printsBetween(now - 20 * 3600_000, now).map((p) => ({ ...p, exchange: 'bybit', notional: p.price * p.amount }));
		await page.route('**/api/liquidations?**', (route) => route.fulfill({ json: { source: 'bybit', liquidations: prints, outages: [], streaming: ['bybit'] } }));
		await page.setViewportSize({ width: w, height: h });
		await page.goto(`${ORIGIN}/?source=bybit&tf=5m&days=7&oi=1&funding=1`);
		await waitForAnalysis(page);
		await page.waitForTimeout(3000);
		await page.screenshot({ path: `/tmp/live-look-${name}.png` });
		console.log('prints', prints.length, await page.getByTestId('chart').getAttribute('data-live-bubbles'));
	});
