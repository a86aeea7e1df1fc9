/** Screenshots at desktop and phone size, saved to e2e-screenshots/ to be looked at (the folder is gitignored). */
import { expect, openApp, SCREEN_SIZES, test, waitForAnalysis } from './fixtures.ts';


for (const size of SCREEN_SIZES) {
	test(`renders readably at ${size.width}×${size.height}`, async ({ page, problems }) => {
		void problems;
		await page.setViewportSize({ width: size.width, height: size.height });
		await openApp(page);
		// Nothing may stick out sideways: a horizontal scrollbar on a phone is a layout defect.
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await page.screenshot({ path: `e2e-screenshots/${size.name}.png`, fullPage: size.width < 700 });

		await page.getByTestId('cluster').first().click();
		await page.mouse.move(size.width * 0.4, size.height * 0.35);
		await page.screenshot({ path: `e2e-screenshots/${size.name}-selected.png`, fullPage: size.width < 700 });

		// On a phone the toolbar is folded into the Controls menu.
		const menu = page.getByRole('button', { name: /Controls/ });
		if (await menu.isVisible()) await menu.click();
		await page.getByRole('radio', { name: 'History: map over time' }).check();
		// The history image is applied in slices after the analysis: all of it in the picture.
		await waitForAnalysis(page);
		await page.screenshot({ path: `e2e-screenshots/${size.name}-history.png`, fullPage: size.width < 700 });
	});
}
