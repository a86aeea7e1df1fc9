/** The History check: walk-forward hit-rates against the same-distance baseline, computed in the worker. */
import type { Page } from '@playwright/test';
import { expect, openApp, SCREEN_SIZES, test } from './fixtures.ts';

const percent = /\d+ %/;

async function historyPanel(page: Page) {
	const panel = page.getByRole('region', { name: 'History check' });
	await panel.scrollIntoViewIfNeeded();
	await expect(panel.getByTestId('history-verdict')).toBeVisible({ timeout: 30_000 });
	await expect(panel.getByRole('status')).toHaveCount(0, { timeout: 30_000 });
	return panel;
}

test('shows hit-rates, baselines, lift, reaction, events, period and a plain verdict', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const panel = await historyPanel(page);
	await expect(panel.getByRole('heading', { name: 'History check' })).toBeVisible();
	await expect(panel.getByTestId('history-verdict')).toHaveText(/evidence|reached (more|less) often|too few events/);
	await expect(panel.getByTestId('history-meta')).toHaveText(/^15m · \d+ events · \d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d$/);
	const events = Number((await panel.getByTestId('history-meta').innerText()).match(/(\d+) events/)![1]);
	expect(events).toBeGreaterThan(20);

	const rows = panel.getByTestId('history-row');
	await expect(rows).toHaveCount(3);
	for (const name of ['All clusters', 'Longs (below)', 'Shorts (above)']) {
		const row = rows.filter({ hasText: name });
		await expect(row).toContainText(percent);
		await expect(row).toContainText(/\d+–\d+ %/); // the hit-rate's 95 % interval
		await expect(row).toContainText(/\d\.\d\d–\d\.\d\d/); // the lift's interval
	}
	await expect(panel.getByTestId('history-reaction')).toContainText(/After \d+ touches, \d+ % continued through/);
	const chart = panel.getByTestId('reliability-chart');
	await expect(chart).toBeVisible();
	await expect(chart).toHaveAttribute('aria-label', /score 0–25: .*score 75–100/);

	// The cluster table shows the measured rate and lift of each cluster's score bucket, or says it was not measured
	// that far (heatmap-view.spec.ts checks which is which).
	await expect(page.getByTestId('cluster-measured').first()).toHaveText(
		/History \(score \d+–\d+, n=\d+\): hit (\d+ %|n\/a) · lift|History: not measured at this distance/
	);
});

test('horizon and reach re-run the check; a display change does not', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const panel = await historyPanel(page);
	const before = await panel.getByTestId('history-meta').innerText();

	await page.getByRole('checkbox', { name: 'Longs' }).uncheck();
	await expect(panel.getByRole('status')).toHaveCount(0);
	await expect(panel.getByTestId('history-meta')).toHaveText(before);

	await panel.getByLabel('Horizon').selectOption('24');
	await expect(panel.getByRole('status')).toHaveCount(0, { timeout: 30_000 });
	await expect(panel.getByTestId('history-meta')).not.toHaveText(before, { timeout: 30_000 });
	const more = Number((await panel.getByTestId('history-meta').innerText()).match(/(\d+) events/)![1]);
	expect(more, 'a shorter horizon gives more evaluation times').toBeGreaterThan(Number(before.match(/(\d+) events/)![1]));

	await panel.getByLabel('Reach').selectOption('1');
	await expect(panel.getByTestId('history-meta')).not.toHaveText(new RegExp(` ${more} events`), { timeout: 30_000 });
});

for (const size of SCREEN_SIZES) {
	test(`History check screenshot at ${size.width}×${size.height}`, async ({ page, problems }) => {
		void problems;
		await page.setViewportSize({ width: size.width, height: size.height });
		await openApp(page);
		const panel = await historyPanel(page);
		await panel.screenshot({ path: `e2e-screenshots/history-check-${size.name}.png` });
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	});
}
