/**
 * Replay against every control (issue 14, point 3): a timeframe, lookback or source change keeps the replay and a
 * drawn chart, Exit restores the loaded view; the History check in replay measures only candles up to the replay bar;
 * Space / ← / → / Esc work anywhere on the page; "10 bar/s" delivers ten bars per second of (Playwright's) clock; the
 * date field is a 24-hour UTC text field.
 */
import type { Page } from '@playwright/test';
import { readChartPixels } from './chart-pixels.ts';
import { expect, headerLastTime, headerLastTimeAfterTick, nextPaint, openApp, test, waitForHistoryCheck } from './fixtures.ts';

const FIFTEEN_MINUTES = 15 * 60_000;
const REPLAY_AT = '2025-06-20T14:15';

async function startReplay(page: Page, at = REPLAY_AT): Promise<void> {
	await page.getByLabel('Replay from').fill(at);
	await page.getByRole('button', { name: 'Start replay' }).click();
	await expect(page.getByTestId('replay-badge')).toBeVisible();
	await expect.poll(() => headerLastTime(page)).toBe(Date.parse(`${at.replace(' ', 'T')}Z`));
}

/** Pixel columns holding candle colours (`chart-pixels.ts`): a collapsed chart has a handful. */
async function candleColumns(page: Page): Promise<number> {
	await nextPaint(page);
	return (await readChartPixels(page)).candleColumns;
}

test('a timeframe or lookback change during replay keeps the replay and the chart; Exit restores the loaded view', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const loadedLast = await headerLastTime(page);
	// The default view (15m, ~5 px per bar over ~1,000 px) draws candles across most of the pane.
	const loadedColumns = await candleColumns(page);
	expect(loadedColumns).toBeGreaterThan(300);

	await startReplay(page);
	await page.getByRole('radio', { name: '1 hour' }).check();
	await expect(page.getByTestId('header-timeframe')).toHaveText('1h');
	await expect(page.getByTestId('replay-badge')).toHaveText('Replay · 2025-06-20 14:00 UTC');
	// The 1h bar containing 14:15 opens at 14:00.
	await expect.poll(() => headerLastTime(page)).toBe(Date.parse('2025-06-20T14:00Z'));
	// Before the fix: one candle at the left edge (≤ 10 columns) and no time axis.
	await expect.poll(() => candleColumns(page)).toBeGreaterThan(150);

	await page.getByLabel('Lookback').selectOption('7');
	await expect(page.getByTestId('replay-badge')).toHaveText('Replay · 2025-06-20 14:00 UTC');
	await expect.poll(() => candleColumns(page)).toBeGreaterThan(150);

	await page.getByRole('radio', { name: '15 minutes' }).check();
	await page.getByLabel('Lookback').selectOption('30');
	await expect(page.getByTestId('replay-badge')).toHaveText('Replay · 2025-06-20 14:00 UTC');
	await page.getByRole('button', { name: 'Exit replay' }).click();
	await expect(page.getByTestId('replay-badge')).toHaveCount(0);
	await expect.poll(() => headerLastTime(page)).toBe(loadedLast);
	await expect.poll(() => candleColumns(page)).toBeGreaterThan(300);
});

test('the same after a timeframe change made during replay: Exit shows the new timeframe drawn in full', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await startReplay(page);
	await page.getByRole('radio', { name: '1 hour' }).check();
	await expect.poll(() => headerLastTime(page)).toBe(Date.parse('2025-06-20T14:00Z'));
	await page.getByRole('button', { name: 'Exit replay' }).click();
	await expect(page.getByTestId('header-timeframe')).toHaveText('1h');
	// Before the fix the chart stayed collapsed after Exit until 15m was picked again.
	await expect.poll(() => candleColumns(page)).toBeGreaterThan(150);
});

test('the History check in replay measures only the candles up to the replay bar', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await waitForHistoryCheck(page);
	// On all loaded data the evaluation period ends in July 2025 (the sample runs to 2025-07-02).
	await expect(page.getByTestId('history-meta')).toContainText('→ 2025-07');
	await startReplay(page);
	await expect(page.getByTestId('history-until')).toContainText('2025-06-20 14:15');
	await waitForHistoryCheck(page);
	const meta = await page.getByTestId('history-meta').innerText();
	const periodEnd = /→ (\d{4}-\d\d-\d\d)/.exec(meta)?.[1];
	expect(periodEnd, meta).toBeDefined();
	// The last evaluation needs its 48-bar horizon (12 h on 15m) before the replay bar: it ends on 2025-06-20 or earlier.
	expect(Date.parse(periodEnd!)).toBeLessThanOrEqual(Date.parse('2025-06-20'));
});

test('Space, ← / → and Esc drive the replay from anywhere on the page, but not while typing in a field', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await startReplay(page);
	const start = Date.parse(`${REPLAY_AT}Z`);
	// Focus nowhere in particular (the page body).
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	await page.keyboard.press('ArrowRight');
	await expect.poll(() => headerLastTime(page)).toBe(start + FIFTEEN_MINUTES);
	await page.keyboard.press('ArrowLeft');
	await expect.poll(() => headerLastTime(page)).toBe(start);

	// Typing in a field keeps the keys for the field.
	await page.locator('input.weight').first().focus();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
	expect(await headerLastTime(page)).toBe(start);

	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
	// With the focus on the play button (clicked), Space toggles once (not once by the key and again by the button).
	await page.getByRole('button', { name: 'Play', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeFocused();
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('replay-badge')).toHaveCount(0);
});

test('"10 bar/s" delivers ten bars per second of the page clock, even when each step computes longer than 100 ms', async ({ page, problems }) => {
	void problems;
	await page.clock.install();
	await openApp(page);
	await startReplay(page);
	const start = Date.parse(`${REPLAY_AT}Z`);
	await page.getByLabel('Speed').selectOption('10');
	// Freeze the page's clock: from here time moves only when the test says, however long the worker takes.
	const now = await page.evaluate(() => Date.now());
	await page.clock.pauseAt(now + 1_000);
	await page.getByRole('button', { name: 'Play', exact: true }).click();
	await page.clock.runFor(1_000);
	// After one second at 10 bar/s, the bar 10 bars on is due (a step may be late, never a bar skipped in the count);
	// each poll moves the clock by 1 ms, far from the 11th bar's due time (1.1 s).
	await expect.poll(() => headerLastTimeAfterTick(page)).toBe(start + 10 * FIFTEEN_MINUTES);
	await page.clock.runFor(1_000);
	await expect.poll(() => headerLastTimeAfterTick(page)).toBe(start + 20 * FIFTEEN_MINUTES);
	await page.getByRole('button', { name: 'Pause', exact: true }).click();
	await page.clock.runFor(2_000);
	expect(await headerLastTime(page), 'paused: no more steps').toBe(start + 20 * FIFTEEN_MINUTES);
});

test('the replay date field is a 24-hour UTC text field with a clear message for anything else', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const field = page.getByLabel('Replay from');
	await expect(field).toHaveAttribute('type', 'text');
	await expect(field).toHaveValue(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
	await field.fill('06/20/2025 2:15 PM');
	await page.getByRole('button', { name: 'Start replay' }).click();
	await expect(page.getByRole('alert')).toContainText('YYYY-MM-DD HH:MM, 24-hour');
	await expect(page.getByTestId('replay-badge')).toHaveCount(0);
	await startReplay(page, '2025-06-20 21:45');
	await expect(page.getByTestId('replay-badge')).toHaveText('Replay · 2025-06-20 21:45 UTC');
	await expect(field).toHaveCount(0);
});
