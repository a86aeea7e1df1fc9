/**
 * The pre-trade checklist and plan: what the trader writes survives a reload, the plan is drawn on the chart and its
 * lines drag (the form follows), the workflow preset sets both timeframes, and a bad journal import changes nothing.
 */
import type { Page } from '@playwright/test';
import { expect, nextPaint, openApp as openAppOnly, test } from './fixtures.ts';

/** Opens the app and starts a plan (the form starts empty until the trader asks for one). */
async function openApp(page: Page, query = '') {
	await openAppOnly(page, query);
	const start = page.getByRole('button', { name: 'Start a plan at the last close' });
	if (await start.isVisible()) await start.click();
	await expect(page.getByTestId('plan-form')).toBeVisible();
}

const field = (page: Page, name: string) => page.getByRole('spinbutton', { name, exact: true });

async function fillPlan(page: Page) {
	await page.getByRole('radio', { name: 'Short', exact: true }).check();
	await field(page, 'Entry').fill('108000');
	await field(page, 'Stop').fill('109200');
	await field(page, 'Target 1').fill('106500');
	await page.getByRole('button', { name: '+ Add target' }).click();
	await field(page, 'Target 2').fill('105000');
	await field(page, 'Account size').fill('25000');
	await field(page, 'Risk %').fill('0.5');
	await field(page, 'Leverage').fill('8');
	await page.getByRole('radio', { name: 'Cross margin' }).check();
}

test('the checklist shows seven evaluated steps and the plan results', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const steps = page.getByTestId('checklist-step');
	await expect(steps).toHaveCount(7);
	for (const status of await steps.evaluateAll((items) => items.map((item) => item.getAttribute('data-status'))))
		expect(['pass', 'warn', 'info', 'block']).toContain(status);
	await expect(steps.nth(1)).toContainText(/above, \d below/);
	await expect(page.getByTestId('plan-size')).toHaveText(/^\d+\.\d{4} BTC$/);
	await expect(page.getByTestId('data-age')).toContainText('Data age');
	await expect(page.getByTestId('stale-warning')).toHaveText(/historical sample, not live/);
});

test('ticks, notes and the plan survive a reload', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await page.getByRole('checkbox', { name: 'Step 2 done: Nearest bright clusters' }).check();
	await page.getByRole('checkbox', { name: 'Step 4 done: Vulnerable side' }).check();
	await page.getByRole('textbox', { name: 'Note for step 3: Support / resistance alignment' }).fill('Upper cluster sits on the range high');
	await fillPlan(page);
	await page.getByRole('textbox', { name: 'Note for step 7: Plan' }).fill('Short the retest, half off at T1');
	await expect(page.getByTestId('plan-size')).toHaveText(/^\d+\.\d{4} BTC$/);
	const size = await page.getByTestId('plan-size').innerText();

	await page.reload();
	await openApp(page);
	await expect(page.getByRole('checkbox', { name: 'Step 2 done: Nearest bright clusters' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Step 4 done: Vulnerable side' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Step 1 done: Context' })).not.toBeChecked();
	await expect(page.getByRole('textbox', { name: 'Note for step 3: Support / resistance alignment' })).toHaveValue(
		'Upper cluster sits on the range high'
	);
	await expect(page.getByRole('textbox', { name: 'Note for step 7: Plan' })).toHaveValue('Short the retest, half off at T1');
	await expect(page.getByRole('radio', { name: 'Short', exact: true })).toBeChecked();
	await expect(field(page, 'Entry')).toHaveValue('108000');
	await expect(field(page, 'Stop')).toHaveValue('109200');
	await expect(field(page, 'Target 1')).toHaveValue('106500');
	await expect(field(page, 'Target 2')).toHaveValue('105000');
	await expect(field(page, 'Account size')).toHaveValue('25000');
	await expect(field(page, 'Risk %')).toHaveValue('0.5');
	await expect(field(page, 'Leverage')).toHaveValue('8');
	await expect(page.getByRole('radio', { name: 'Cross margin' })).toBeChecked();
	await expect(page.getByTestId('plan-size')).toHaveText(size);
	await expect(page.getByTestId('checklist-progress')).toHaveText('2 of 7 steps ticked');
});

test('dragging a plan line on the chart changes the form', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await expect(field(page, 'Stop')).not.toHaveValue('');
	const stopBefore = Number(await field(page, 'Stop').inputValue());
	await nextPaint(page);
	const chart = page.getByTestId('chart');
	await page.getByTestId('chart-area').or(page.getByRole('region', { name: 'Chart' })).first().evaluate((el) => el.scrollIntoView());
	await nextPaint(page);
	const box = (await chart.boundingBox())!;
	// Find the stop line's y: the pixel row where the stop colour (#ef5350) runs furthest across the plot.
	const y = await chart.evaluate((container: HTMLElement) => {
		const rect = container.getBoundingClientRect();
		const rows = new Map<number, number>();
		for (const canvas of Array.from(container.querySelectorAll('canvas'))) {
			const r = canvas.getBoundingClientRect();
			if (r.width < rect.width * 0.5 || r.height < 100) continue;
			const context = canvas.getContext('2d');
			if (!context) continue;
			const scale = canvas.width / r.width;
			const data = context.getImageData(0, 0, Math.floor(canvas.width * 0.5), canvas.height).data;
			const width = Math.floor(canvas.width * 0.5);
			for (let row = 0; row < canvas.height; row++) {
				let count = 0;
				for (let x = Math.floor(width * 0.6); x < width; x++) {
					const i = (row * width + x) * 4;
					if (Math.abs(data[i] - 239) < 8 && Math.abs(data[i + 1] - 83) < 8 && Math.abs(data[i + 2] - 80) < 8) count++;
				}
				if (count > width * 0.3) rows.set(Math.round((row / scale + r.top - rect.top) * 10) / 10, count);
			}
		}
		// The solid stop line beats the dashed last-price line (same red when the last candle is down).
		return [...rows.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
	});
	expect(y, 'the stop line is drawn').not.toBeNull();
	const x = box.x + box.width * 0.3;
	await page.mouse.move(x, box.y + y!);
	await page.mouse.down();
	await page.mouse.move(x, box.y + y! + 20, { steps: 4 });
	await page.mouse.move(x, box.y + y! + 40, { steps: 4 });
	await page.mouse.up();
	await nextPaint(page);
	const stopAfter = Number(await field(page, 'Stop').inputValue());
	expect(stopAfter, 'dragging down lowers the stop').toBeLessThan(stopBefore);
	// The chart did not pan: the drag took the pointer.
	await page.mouse.move(x, box.y + 80);
});

test('the workflow preset sets the chart and context timeframes', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await page.getByRole('radio', { name: 'Swing: 1h chart, 1d context' }).check();
	await expect(page).toHaveURL(/tf=1h/);
	await expect(page).toHaveURL(/ctx=1d/);
	await expect(page.getByTestId('header-timeframe')).toHaveText('1h');
	await expect(page.getByRole('radio', { name: 'Swing: 1h chart, 1d context' })).toBeChecked();
	await page.getByRole('radio', { name: 'Scalp: 5m chart, 1h context' }).check();
	await expect(page).toHaveURL(/tf=5m/);
	await expect(page.getByTestId('header-timeframe')).toHaveText('5m');
});

test('plans are saved, reopened, deleted, exported; a bad import is refused and changes nothing', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await field(page, 'Entry').fill('107000');
	await page.getByRole('button', { name: 'Save plan' }).click();
	await expect(page.getByTestId('journal-entry')).toHaveCount(1);
	await field(page, 'Entry').fill('107500');
	await page.getByRole('button', { name: /^Open plan: Long 107,000/ }).click();
	await expect(field(page, 'Entry')).toHaveValue('107000');

	const downloadPromise = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSON' }).click();
	const download = await downloadPromise;
	expect(download.suggestedFilename()).toMatch(/^liqmap-journal-btcusdt-\d{4}-\d\d-\d\d\.json$/);
	const file = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
	expect(file.format).toBe('liqmap-journal');
	expect(file.entries).toHaveLength(1);
	expect(file.entries[0].plan.entry).toBe(107000);

	const before = await page.evaluate(() => localStorage.getItem('liqmap:journal:BTCUSDT'));
	const input = page.getByLabel('Import JSON file');
	await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "liqmap-journal", "entries": [') });
	await expect(page.getByRole('alert').filter({ hasText: 'Import refused, nothing changed: not valid JSON' })).toBeVisible();
	await input.setInputFiles({
		name: 'wrong.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify({ ...file, entries: [{ ...file.entries[0], id: 'other', plan: { ...file.entries[0].plan, stop: -5 } }] }))
	});
	await expect(page.getByRole('alert')).toContainText('entries[0].plan.stop: expected a positive number, got -5');
	expect(await page.evaluate(() => localStorage.getItem('liqmap:journal:BTCUSDT'))).toBe(before);
	await expect(page.getByTestId('journal-entry')).toHaveCount(1);

	await input.setInputFiles({
		name: 'good.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify({ ...file, entries: [{ ...file.entries[0], id: 'imported-1' }] }))
	});
	await expect(page.getByTestId('journal-message')).toHaveText(/Imported 1 plan\./);
	await expect(page.getByTestId('journal-entry')).toHaveCount(2);
	await page.getByRole('button', { name: /^Delete plan/ }).first().click();
	await expect(page.getByTestId('journal-entry')).toHaveCount(1);
	await page.reload();
	await openApp(page);
	await expect(page.getByTestId('journal-entry')).toHaveCount(1);
});

test('a plan warning offers its fix, and Apply changes the plan', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await field(page, 'Risk %').fill('5');
	const warning = page.getByTestId('plan-warnings').locator('[data-code="risk-too-high"]');
	await expect(warning).toContainText('risk at most 2 %');
	await expect(page.getByTestId('plan-fix')).toContainText('risk → 2 %');
	await page.getByRole('button', { name: 'Apply suggested fix' }).click();
	await expect(field(page, 'Risk %')).toHaveValue('2');
	await expect(page.getByTestId('plan-warnings').locator('[data-code="risk-too-high"]')).toHaveCount(0);
});
