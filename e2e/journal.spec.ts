/**
 * The journal never loses or bricks (issue 13, point 5), in the browser: two tabs of one browser keep each other's
 * notes, a 3 M-character damaged stored value leaves the page working, a note stops at its limit (and the field shows
 * it), and a too large import is refused before it is read.
 */
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures.ts';

const KEY = 'liqmap:journal:BTCUSDT';
const note = (page: Page, step: number, title: string) => page.getByRole('textbox', { name: `Note for step ${step}: ${title}` });

test('two tabs never overwrite each other’s notes, and each shows the other’s', async ({ page, context, problems }) => {
	void problems;
	await openApp(page);
	const other = await context.newPage();
	await openApp(other);
	// Each tab hears the other's write (a storage event, which Chromium passes between tabs in milliseconds) and shows
	// it; a person switching tabs is slower than that, so each write here follows the other tab's being shown.
	await note(page, 1, 'Context').fill('4h trend up (tab A)');
	await expect(note(other, 1, 'Context')).toHaveValue('4h trend up (tab A)');
	await note(other, 3, 'Support / resistance alignment').fill('Cluster on the range high (tab B)');
	await expect(note(page, 3, 'Support / resistance alignment')).toHaveValue('Cluster on the range high (tab B)');
	await note(page, 1, 'Context').fill('4h trend up, 1d flat (tab A again)');
	await expect(note(other, 1, 'Context')).toHaveValue('4h trend up, 1d flat (tab A again)');
	const stored = JSON.parse((await other.evaluate((key) => localStorage.getItem(key), KEY)) ?? 'null');
	expect(stored.checklist.notes[0]).toBe('4h trend up, 1d flat (tab A again)');
	expect(stored.checklist.notes[2]).toBe('Cluster on the range high (tab B)');
	await other.reload();
	await openApp(other);
	await expect(note(other, 1, 'Context')).toHaveValue('4h trend up, 1d flat (tab A again)');
	await expect(note(other, 3, 'Support / resistance alignment')).toHaveValue('Cluster on the range high (tab B)');
	await other.close();
});

test('a damaged stored value of 3 M characters: the page loads, says the value was dropped, and saves again', async ({ page, problems }) => {
	void problems;
	// Written by the page itself before the app starts, once per tab (sessionStorage marks it), so that the value is
	// there when the journal loads whatever the browser's storage commit timing.
	await page.addInitScript((key) => {
		if (sessionStorage.getItem('seeded')) return;
		sessionStorage.setItem('seeded', '1');
		localStorage.setItem(key, `{"version":1,${'x'.repeat(3_000_000)}`);
	}, KEY);
	await openApp(page);
	await expect(page.getByTestId('journal-message')).toHaveText(
		/the saved journal is not valid JSON: it \(3,000,013 characters\) was too large to keep a copy and was dropped; the journal starts empty\./
	);
	expect(await page.evaluate((key) => localStorage.getItem(`${key}:damaged`), KEY)).toBeNull();
	await note(page, 2, 'Nearest bright clusters').fill('fresh start');
	await page.reload();
	await openApp(page);
	await expect(note(page, 2, 'Nearest bright clusters')).toHaveValue('fresh start');
	await expect(page.getByTestId('journal-message')).toHaveCount(0);
});

test('a note stops at 4,000 characters, the field shows the count, and the journal reloads whole', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const field = note(page, 4, 'Vulnerable side');
	await expect(field).toHaveAttribute('maxlength', '4000');
	await expect(page.getByTestId('note-counter')).toHaveCount(0);
	await field.fill('a'.repeat(3_500));
	await expect(page.getByTestId('note-counter')).toHaveText('3,500 / 4,000 characters');
	await field.fill('b'.repeat(4_100));
	await expect(page.getByTestId('note-counter')).toHaveText('4,000 / 4,000 characters');
	await page.getByRole('checkbox', { name: 'Step 2 done: Nearest bright clusters' }).check();
	await page.reload();
	await openApp(page);
	await expect(note(page, 4, 'Vulnerable side')).toHaveValue('b'.repeat(4_000));
	await expect(page.getByRole('checkbox', { name: 'Step 2 done: Nearest bright clusters' })).toBeChecked();
	await expect(page.getByTestId('journal-message')).toHaveCount(0);
	await page.getByTestId('note-counter').scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/journal-note-limit.png' });
});

test('an import over 2,000,000 bytes is refused before it is read, and nothing changes', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await note(page, 1, 'Context').fill('kept');
	const before = await page.evaluate((key) => localStorage.getItem(key), KEY);
	await page.getByLabel('Import JSON file').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(2_100_000, 0x20) });
	await expect(page.getByRole('alert').filter({ hasText: 'Import refused, nothing changed' })).toHaveText(
		/the file \(2,100,000 bytes\) is larger than the limit of 2,000,000 bytes\./
	);
	expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe(before);
	await page.getByRole('alert').filter({ hasText: 'Import refused' }).scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/journal-import-refused.png' });
});
