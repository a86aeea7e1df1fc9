/**
 * The annotated PNG export: one click downloads `btc-liquidation-<tf>-<YYYYMMDD-HHMM>-<HHMMSS>.png` at the device pixel ratio,
 * with the header text, the heatmap bands, the plan lines and the legend in it. The file is decoded by Chromium and
 * its pixels are sampled; a copy goes to e2e-screenshots/ to be looked at. Also the checklist's look at desktop and
 * phone size.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, openApp as openAppOnly, SCREEN_SIZES, test } from './fixtures.ts';

/** Opens the app and starts a plan (the form starts empty until the trader asks for one). */
async function openApp(page: Page, query = '') {
	await openAppOnly(page, query);
	const start = page.getByRole('button', { name: 'Start a plan at the last close' });
	if (await start.isVisible()) await start.click();
	await expect(page.getByTestId('plan-form')).toBeVisible();
}

/** Width and height from the PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(png: Buffer): { width: number; height: number } {
	expect(png.subarray(0, 8).toString('hex'), 'PNG signature').toBe('89504e470d0a1a0a');
	expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
	return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

interface Regions {
	/** Bright (text) pixels in the header band. */
	headerText: number;
	/** Bright heatmap pixels (the ramp's yellow-green to yellow end, translucent over the chart) in the chart part. */
	warmBands: number;
	/** Cool heatmap pixels (the ramp's blue-teal part) in the chart part. */
	coolBands: number;
	/** Rows crossed by the stop line's red (#ef5350) over most of the plot. */
	planLineRows: number;
}

/** Decodes the PNG in the page and counts pixel classes in known regions (CSS px × dpr). */
async function sampleRegions(page: Page, png: Buffer, dpr: number, chartHeight: number): Promise<Regions> {
	return page.evaluate(
		async ({ dataUrl, dpr, chartHeight }) => {
			const image = new Image();
			image.src = dataUrl;
			await image.decode();
			const canvas = document.createElement('canvas');
			canvas.width = image.naturalWidth;
			canvas.height = image.naturalHeight;
			const context = canvas.getContext('2d', { willReadFrequently: true })!;
			context.drawImage(image, 0, 0);
			const width = canvas.width;
			const data = context.getImageData(0, 0, width, canvas.height).data;
			const at = (x: number, y: number) => (y * width + x) * 4;
			// The header ends at the first full-width border row (#2a2e39) from the top.
			let headerBottom = 0;
			for (let y = 0; y < 200 * dpr; y++) {
				const i = at(Math.floor(width / 2), y);
				if (data[i] === 42 && data[i + 1] === 46 && data[i + 2] === 57) {
					headerBottom = y;
					break;
				}
			}
			let headerText = 0;
			for (let y = 0; y < headerBottom; y++)
				for (let x = 0; x < width; x++) {
					const i = at(x, y);
					if (data[i] > 180 && data[i + 1] > 180 && data[i + 2] > 180) headerText++;
				}
			let warmBands = 0;
			let coolBands = 0;
			let planLineRows = 0;
			const chartTop = headerBottom + 1;
			const chartBottom = chartTop + Math.floor(chartHeight * dpr * 0.7);
			const plotRight = Math.floor(width * 0.6);
			for (let y = chartTop; y < chartBottom; y++) {
				let red = 0;
				for (let x = 0; x < plotRight; x++) {
					const i = at(x, y);
					const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
					if (g > 110 && r > 60 && b < 90 && g > b + 50) warmBands++;
					if (b > 40 && g > r + 15 && b > r + 15) coolBands++;
					// The stop colour #ef5350, allowing for the resampling of a chart painted at another ratio.
					if (r > 150 && g < 110 && b < 110 && r - g > 80) red++;
				}
				if (red > plotRight * 0.4) planLineRows++;
			}
			return { headerText, warmBands, coolBands, planLineRows };
		},
		{ dataUrl: `data:image/png;base64,${png.toString('base64')}`, dpr, chartHeight }
	);
}

for (const dpr of [1, 2]) {
	test(`Export PNG downloads the annotated chart at device pixel ratio ${dpr}`, async ({ browser }) => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr, colorScheme: 'dark' });
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.route((url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost', (route) => route.abort());
		await openApp(page);
		await page.getByRole('checkbox', { name: 'Step 1 done: Context' }).check();
		await page.getByRole('textbox', { name: 'Note for step 2: Nearest bright clusters' }).fill('Shorts stacked above');

		const chartBox = (await page.getByTestId('chart').boundingBox())!;
		const downloadPromise = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export PNG' }).click();
		const download = await downloadPromise;
		const lastTime = await page.getByTestId('header-last-time').innerText();
		const stamp = lastTime.replace(/^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d) UTC$/, '$1$2$3-$4$5');
		// …-<last candle>-<export time HHMMSS>.png (heatmap-view.spec.ts fixes the clock to check the time itself).
		expect(download.suggestedFilename()).toMatch(new RegExp(`^btc-liquidation-15m-${stamp}-\\d{6}\\.png$`));
		await expect(page.getByTestId('export-message')).toHaveText(`Saved ${download.suggestedFilename()}`);

		const path = `e2e-screenshots/export-dpr${dpr}.png`;
		await download.saveAs(path);
		const png = await readFile(path);
		const size = pngSize(png);
		expect(size.width).toBe(Math.round(chartBox.width * dpr));
		expect(size.height, 'header + chart + footer').toBeGreaterThan(Math.round(chartBox.height * dpr) + 150 * dpr);

		const regions = await sampleRegions(page, png, dpr, chartBox.height);
		expect(regions.headerText, 'header text pixels').toBeGreaterThan(400 * dpr * dpr);
		expect(regions.warmBands, 'bright band colours in the chart').toBeGreaterThan(2000 * dpr * dpr);
		expect(regions.coolBands, 'long-side band colours in the chart').toBeGreaterThan(2000 * dpr * dpr);
		expect(regions.planLineRows, 'the stop line is in the image').toBeGreaterThanOrEqual(1);
		expect(errors).toEqual([]);
		await context.close();
	});
}

test('Copy image reports what the browser allowed', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await page.getByRole('button', { name: 'Copy image' }).click();
	// Headless Chromium without clipboard permission refuses; either way the trader is told.
	await expect(page.getByTestId('export-message')).toHaveText(/Image copied to the clipboard\.|Could not copy the image|does not allow copying/);
});


for (const size of SCREEN_SIZES) {
	test(`the checklist is readable at ${size.width}×${size.height}`, async ({ page, problems }) => {
		void problems;
		await page.setViewportSize({ width: size.width, height: size.height });
		await openApp(page);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await page.screenshot({ path: `e2e-screenshots/checklist-${size.name}.png`, fullPage: size.width < 700 });
		const workbench = page.getByTestId('workbench');
		await workbench.getByTestId('plan-form').scrollIntoViewIfNeeded();
		await page.getByRole('spinbutton', { name: 'Risk %', exact: true }).fill('3');
		await workbench.screenshot({ path: `e2e-screenshots/checklist-${size.name}-panel.png` });
		await page.getByRole('button', { name: 'Save plan' }).click();
		await page.getByRole('button', { name: 'Import JSON', exact: true }).scrollIntoViewIfNeeded();
		await page.screenshot({ path: `e2e-screenshots/checklist-${size.name}-journal.png` });
	});
}
