/**
 * The plan on the chart (issue 14, point 5): a position tool whose form is docked beside the chart at ≥ 1280 px (form
 * and lines seen together at 1440×900), a view that includes the plan (the stop in view, below the legend), the own
 * liquidation drawn (or marked at the edge), one joint fix that never raises a new warning, a red blocking status
 * when liquidation comes before the stop, and a new plan from the checklist's context without a warning of its own.
 */
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures.ts';

const field = (page: Page, name: string) => page.getByRole('spinbutton', { name, exact: true });
const warningCodes = (page: Page) => page.getByTestId('plan-warnings').locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-code')!));

async function startPlan(page: Page): Promise<void> {
	const start = page.getByRole('button', { name: 'Start a plan at the last close' });
	await start.scrollIntoViewIfNeeded();
	await start.click();
	await expect(page.getByTestId('plan-form')).toBeVisible();
}

/** Writes a plan in the form (side, entry, stop, target; leverage when given). */
async function writePlan(page: Page, side: 'Long' | 'Short', entry: number, stop: number, target: number, leverage?: number): Promise<void> {
	await page.getByRole('radio', { name: side, exact: true }).check();
	await field(page, 'Entry').fill(String(entry));
	await field(page, 'Stop').fill(String(stop));
	await field(page, 'Target 1').fill(String(target));
	if (leverage !== undefined) await field(page, 'Leverage').fill(String(leverage));
}

/** Applies the suggested fix and checks it raised no warning the plan did not have and cleared at least one. */
async function applyFixWithoutNewWarnings(page: Page): Promise<void> {
	const before = await warningCodes(page);
	await page.getByRole('button', { name: 'Apply suggested fix' }).click();
	await expect.poll(async () => ((await page.getByTestId('plan-warnings').count()) ? (await warningCodes(page)).length : 0)).toBeLessThan(before.length);
	const after = (await page.getByTestId('plan-warnings').count()) ? await warningCodes(page) : [];
	expect(after.filter((code) => !before.includes(code)), `before ${before}, after ${after}`).toEqual([]);
}

/** Share of the price pane's height (0–1) at which a plan line sits, from the plan's text description. */
async function lineShare(page: Page, name: string): Promise<number | null> {
	const text = await page.getByTestId('plan-on-chart').textContent();
	const match = new RegExp(`${name} [\\d,]+ in view, (\\d+) % down`).exec(text ?? '');
	return match ? Number(match[1]) / 100 : null;
}

test('at 1440×900 the plan form sits beside the chart and the plan lines are in view with it', async ({ page, problems }) => {
	void problems;
	await page.setViewportSize({ width: 1440, height: 900 });
	await openApp(page);
	await startPlan(page);
	await field(page, 'Stop').scrollIntoViewIfNeeded();
	await expect(field(page, 'Stop')).toBeInViewport();
	await expect(page.getByTestId('chart')).toBeInViewport({ ratio: 0.9 });
	const chart = (await page.getByTestId('chart').boundingBox())!;
	const stopField = (await field(page, 'Stop').boundingBox())!;
	// Docked beside the chart (before: below it, out of view at 1440×900).
	expect(stopField.x).toBeGreaterThanOrEqual(chart.x + chart.width);
	// The view includes the plan: the stop line is in view, below the OHLC legend (top 44 px of a ~560 px pane ≈ 8 %).
	await expect.poll(() => lineShare(page, 'Stop')).toBeGreaterThan(0.08);
	expect(await lineShare(page, 'Stop')).toBeLessThan(0.95);
	await expect.poll(() => lineShare(page, 'Entry')).not.toBeNull();
	await expect.poll(() => lineShare(page, 'Target 1')).not.toBeNull();
	// The own liquidation is on the chart: in view, or marked at the edge (5x: ~20 % away).
	await expect(page.getByTestId('plan-on-chart')).toContainText(/Own liquidation [\d,]+ (in view|below the view)/);
	await page.screenshot({ path: 'e2e-screenshots/plan-tool-1440x900.png' });
});

test('a new plan starts from the checklist context and its own target raises no warning', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await startPlan(page);
	// Step 4 names the vulnerable side: shorts at risk → a long toward them, longs at risk → a short.
	const step4 = await page.locator('[data-step="4"] [data-testid="step-summary"]').innerText();
	const side = step4.startsWith('shorts') ? 'Long' : 'Short';
	await expect(page.getByRole('radio', { name: side, exact: true })).toBeChecked();
	await expect(page.getByTestId('plan-ok')).toHaveText('No risk warnings for this plan.');
});

test('liquidation before the stop blocks the plan in red, and the one fix clears it without a new warning', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await startPlan(page);
	// A long from 108,000, stop 106,000, at 100x: liquidation 108,000·0.99/0.996 ≈ 107,349, above the stop.
	await writePlan(page, 'Long', 108_000, 106_000, 109_000, 100);
	await expect(page.getByTestId('plan-warnings').locator('[data-code="liquidation-before-stop"]')).toBeVisible();
	await expect(page.getByTestId('plan-blocked')).toBeVisible();
	await expect(page.locator('[data-testid="checklist-step"][data-step="7"]')).toHaveAttribute('data-status', 'block');
	await expect(page.locator('[data-step="7"] .status')).toHaveText('Blocked');

	await expect(page.getByTestId('plan-fix')).toContainText('leverage →');
	await applyFixWithoutNewWarnings(page);
	await expect(page.getByTestId('plan-blocked')).toHaveCount(0);
	await expect(page.locator('[data-testid="checklist-step"][data-step="7"]')).not.toHaveAttribute('data-status', 'block');
});

test('a stop put inside a stack of clusters is moved past the whole stack by the fix', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await startPlan(page);
	// A short from 108,000 with the stop inside the bright short clusters above (the sample's 110,500–111,500 band).
	await writePlan(page, 'Short', 108_000, 110_900, 106_000);
	await expect(page.getByTestId('plan-warnings').locator('[data-code="stop-in-cluster"]')).toBeVisible();
	await applyFixWithoutNewWarnings(page);
	await expect(page.getByTestId('plan-warnings').locator('[data-code="stop-in-cluster"]')).toHaveCount(0);
	expect(Number(await field(page, 'Stop').inputValue())).toBeGreaterThan(110_900);
});

test('dragging the own liquidation line sets the leverage', async ({ page, problems }) => {
	void problems;
	await page.setViewportSize({ width: 1440, height: 900 });
	await openApp(page);
	await startPlan(page);
	await field(page, 'Leverage').fill('40');
	await expect.poll(() => lineShare(page, 'Own liquidation')).not.toBeNull();
	const share = (await lineShare(page, 'Own liquidation'))!;
	const box = (await page.getByTestId('chart').boundingBox())!;
	const paneHeight = await page.getByTestId('chart').evaluate((el) => (el.querySelector('table tr td:nth-child(2) canvas') as HTMLCanvasElement | null)?.getBoundingClientRect().height ?? 0);
	const y = box.y + share * paneHeight;
	const x = box.x + box.width * 0.5;
	await page.mouse.move(x, y);
	await page.mouse.down();
	await page.mouse.move(x, y + 40, { steps: 4 });
	await page.mouse.up();
	// Dragged further from the entry: a lower leverage.
	await expect.poll(async () => Number(await field(page, 'Leverage').inputValue())).toBeLessThan(40);
});
