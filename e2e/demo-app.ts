/**
 * The built app in its own process, pointed at the demo market (`src/lib/server/demo-market/`, REST and websocket
 * servers started here), for the specs of the live features (`live-derivatives.spec.ts`,
 * `checklist-derivatives.spec.ts`).
 * Each spec passes its own port offset from E2E_PORT (the suite's loopback app holds E2E_PORT and E2E_PORT + 1).
 *
 * The market follows the wall clock while a test collects prints (`follow`: the app's server decides which candle is
 * forming by its clock; 4 sample bars a second give prints quickly), and is frozen (`freeze`) before comparing, so the
 * page and the test read the same prints, open interest and funding.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { decodeCandlePack, type CandlePack } from '../src/lib/core/market/candle-pack.ts';
import { DemoServers } from '../src/lib/server/demo-market/demo-servers.ts';
import { expect, waitForAnalysis } from './fixtures.ts';

export class DemoApp {
	#ticker: ReturnType<typeof setInterval> | null = null;

	private constructor(
		readonly demo: DemoServers,
		readonly app: ChildProcess,
		readonly origin: string
	) {}

	/** Starts the demo market at the wall clock and the built app on E2E_PORT + `portOffset`, ready to serve. */
	static async start(portOffset: number): Promise<DemoApp> {
		const port = Number(process.env.E2E_PORT ?? 4173) + portOffset;
		const pack = JSON.parse(readFileSync(new URL('../static/data/bybit-btcusdt-perp-5m.json', import.meta.url), 'utf8')) as CandlePack;
		const demo = await DemoServers.start({ bars: decodeCandlePack(pack), start: Date.now(), speed: 4 });
		const env = Object.fromEntries(demo.envLines().map((line) => line.split('=') as [string, string]));
		const app = spawn(process.execPath, ['build'], { stdio: 'ignore', env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' } });
		const started = new DemoApp(demo, app, `http://127.0.0.1:${port}`);
		started.follow();
		await expect.poll(() => fetch(`${started.origin}/api/sources`).then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
		return started;
	}

	/** The market follows the wall clock (as `liqmap demo-market` does). */
	follow(): void {
		this.#ticker ??= setInterval(() => this.demo.advanceTo(Date.now()), 250);
	}

	/** The market stops where it is: nothing new is pushed to the app. */
	freeze(): void {
		if (this.#ticker) clearInterval(this.#ticker);
		this.#ticker = null;
	}

	async stop(): Promise<void> {
		this.app.kill('SIGTERM');
		this.freeze();
		await this.demo.close();
	}

	/** Opens `path` (e.g. "/?source=bybit&tf=5m&days=7") and waits until its live candles are analysed and streaming (the sample may come first). */
	async openLive(page: Page, path: string): Promise<void> {
		await page.goto(`${this.origin}${path}`);
		await expect(page.getByTestId('live-mode')).toHaveText('streaming', { timeout: 60_000 });
		await waitForAnalysis(page);
	}

	/** A JSON body the app serves (`path` from the origin, e.g. "/api/liquidations?source=bybit"). */
	async json<T>(path: string): Promise<T> {
		return (await (await fetch(`${this.origin}${path}`)).json()) as T;
	}
}
