/**
 * Draws the exported image: a header, the chart screenshot (bands, overlays and plan lines included) with labels on
 * the top clusters, then the checklist summary, the plan with its warnings, the colour legend and the disclaimer.
 * Everything is laid out in CSS pixels and drawn at the screenshot's device pixel ratio, so text is as sharp as the
 * chart. Browser-only (canvas).
 */
import { palette } from '$lib/theme.ts';
import { RAMP_STOPS } from '$lib/core/model/colour-ramp.ts';
import { rampCss } from '$lib/format.ts';
import type { ChartShot } from '$lib/chart/export-shot.ts';
import type { ExportReport, ReportLine } from './report.ts';

export type { ChartShot };

export const imageTheme = {
	...palette,
	pass: palette.up,
	info: palette.muted
} as const;

const PAD = 14;
const LINE = { title: 22, body: 16, small: 15 };

interface Block {
	lines: { text: string; colour: string; font: string }[];
	height: number;
}

function wrap(context: CanvasRenderingContext2D, text: string, width: number): string[] {
	const words = text.split(' ');
	const lines: string[] = [];
	let current = '';
	for (const word of words) {
		const next = current ? `${current} ${word}` : word;
		if (context.measureText(next).width <= width || !current) current = next;
		else {
			lines.push(current);
			current = word;
		}
	}
	if (current) lines.push(current);
	return lines;
}

const toneColour = (tone: ReportLine['tone']) =>
	tone === 'pass' ? imageTheme.pass : tone === 'warn' ? imageTheme.warn : tone === 'block' ? imageTheme.block : tone === 'info' ? imageTheme.info : imageTheme.text;

function block(
	context: CanvasRenderingContext2D,
	heading: string,
	lines: readonly ReportLine[],
	width: number
): Block {
	const font = `12px ${imageTheme.font}`;
	const out: Block['lines'] = [{ text: heading.toUpperCase(), colour: imageTheme.muted, font: `700 11px ${imageTheme.font}` }];
	context.font = font;
	for (const line of lines)
		for (const [i, part] of wrap(context, line.text, width).entries())
			out.push({ text: i === 0 ? part : `   ${part}`, colour: toneColour(line.tone), font });
	return { lines: out, height: out.length * LINE.body };
}

function drawBlock(context: CanvasRenderingContext2D, content: Block, x: number, y: number): void {
	context.textBaseline = 'top';
	content.lines.forEach((line, i) => {
		context.font = line.font;
		context.fillStyle = line.colour;
		context.fillText(line.text, x, y + i * LINE.body);
	});
}

const LEGEND_HEIGHT = 90;

function drawLegend(context: CanvasRenderingContext2D, x: number, y: number, width: number): void {
	context.textBaseline = 'top';
	context.font = `700 11px ${imageTheme.font}`;
	context.fillStyle = imageTheme.muted;
	context.fillText('LIQUIDATION INTENSITY', x, y);
	const top = y + 18;
	const rampWidth = Math.max(60, width);
	const gradient = context.createLinearGradient(x, 0, x + rampWidth, 0);
	for (const stop of RAMP_STOPS) gradient.addColorStop(stop.position, rampCss(stop.position));
	context.fillStyle = gradient;
	context.fillRect(x, top, rampWidth, 12);
	context.font = `10px ${imageTheme.font}`;
	context.fillStyle = imageTheme.muted;
	context.fillText('thin', x, top + 16);
	const dense = 'dense';
	context.fillText(dense, x + rampWidth - context.measureText(dense).width, top + 16);
	context.fillStyle = imageTheme.text;
	context.fillText('▲ shorts liquidated above the price', x, top + 32);
	context.fillText('▼ longs below it', x, top + 47);
}

/** Composes the annotated image; its size is the chart's width × DPR by (header + chart + footer) × DPR. */
export function composeAnnotatedImage(shot: ChartShot, report: ExportReport): HTMLCanvasElement {
	const dpr = shot.dpr;
	const width = shot.width;
	const measure = document.createElement('canvas').getContext('2d')!;

	// Header: title, subtitle, model settings (wrapped).
	measure.font = `11px ${imageTheme.font}`;
	const modelLines = wrap(measure, report.model, width - 2 * PAD);
	const headerHeight = PAD + LINE.title + LINE.small + modelLines.length * LINE.small + PAD - 4;

	// Footer: three columns when wide, stacked when narrow.
	const wide = width >= 900;
	const inner = width - 2 * PAD;
	const columns = wide ? [inner * 0.46, inner * 0.32, inner * 0.22 - 2 * PAD] : [inner, inner, inner];
	const checklist = block(measure, 'Pre-trade checklist', report.checklist, columns[0]);
	const plan = block(measure, 'Plan', report.plan, columns[1]);
	measure.font = `11px ${imageTheme.font}`;
	const disclaimer = wrap(measure, report.disclaimer, columns[2]);
	const legendBlockHeight = LEGEND_HEIGHT + disclaimer.length * LINE.small;
	const footerHeight =
		PAD +
		(wide
			? Math.max(checklist.height, plan.height, legendBlockHeight)
			: checklist.height + PAD + plan.height + PAD + legendBlockHeight) +
		PAD;

	const height = headerHeight + shot.height + footerHeight;
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(width * dpr);
	canvas.height = Math.round(height * dpr);
	const context = canvas.getContext('2d')!;
	context.setTransform(dpr, 0, 0, dpr, 0, 0);
	context.fillStyle = imageTheme.panel;
	context.fillRect(0, 0, width, height);

	// Header
	context.textBaseline = 'top';
	context.font = `700 16px ${imageTheme.font}`;
	context.fillStyle = imageTheme.strong;
	context.fillText(report.title, PAD, PAD);
	context.font = `12px ${imageTheme.font}`;
	context.fillStyle = imageTheme.text;
	context.fillText(report.subtitle, PAD, PAD + LINE.title);
	context.font = `11px ${imageTheme.font}`;
	context.fillStyle = imageTheme.muted;
	modelLines.forEach((line, i) => context.fillText(line, PAD, PAD + LINE.title + LINE.small + i * LINE.small));
	context.fillStyle = imageTheme.border;
	context.fillRect(0, headerHeight - 1, width, 1);

	// Chart: 1:1 in device pixels when the chart painted at this ratio (as browsers do), scaled otherwise.
	context.save();
	context.setTransform(1, 0, 0, 1, 0, 0);
	context.imageSmoothingQuality = 'high';
	context.drawImage(shot.canvas, 0, Math.round(headerHeight * dpr), Math.round(shot.width * dpr), Math.round(shot.height * dpr));
	context.restore();
	drawClusterLabels(context, shot, report, headerHeight);

	// Footer
	const footerTop = headerHeight + shot.height;
	context.fillStyle = imageTheme.border;
	context.fillRect(0, footerTop, width, 1);
	if (wide) {
		drawBlock(context, checklist, PAD, footerTop + PAD);
		drawBlock(context, plan, PAD + columns[0] + PAD, footerTop + PAD);
		const x = PAD + columns[0] + columns[1] + 2 * PAD;
		drawLegend(context, x, footerTop + PAD, columns[2]);
		drawDisclaimer(context, disclaimer, x, footerTop + PAD + LEGEND_HEIGHT);
	} else {
		let y = footerTop + PAD;
		drawBlock(context, checklist, PAD, y);
		y += checklist.height + PAD;
		drawBlock(context, plan, PAD, y);
		y += plan.height + PAD;
		drawLegend(context, PAD, y, columns[2]);
		drawDisclaimer(context, disclaimer, PAD, y + LEGEND_HEIGHT);
	}
	return canvas;
}

function drawDisclaimer(context: CanvasRenderingContext2D, lines: readonly string[], x: number, y: number): void {
	context.textBaseline = 'top';
	context.font = `italic 11px ${imageTheme.font}`;
	context.fillStyle = imageTheme.muted;
	lines.forEach((line, i) => context.fillText(line, x, y + i * LINE.small));
}

/**
 * Labels at the top clusters' prices, right-aligned left of the strip, nudged apart so that none overlap. A cluster
 * outside the visible price range is labelled at the top or bottom edge with an arrow, so the image never drops it.
 */
function drawClusterLabels(context: CanvasRenderingContext2D, shot: ChartShot, report: ExportReport, top: number): void {
	const height = 18;
	const lowest = height;
	const highest = shot.paneHeight - height;
	const placed = report.clusterLabels
		.map((label) => ({ label, y: shot.priceToY(label.price), text: label.text }))
		.filter((p): p is { label: (typeof p)['label']; y: number; text: string } => p.y !== null)
		.map((p) => (p.y < lowest ? { ...p, y: lowest, text: `▲ ${p.text}` } : p.y > highest ? { ...p, y: highest, text: `▼ ${p.text}` } : p))
		.sort((a, b) => a.y - b.y);
	for (let i = 1; i < placed.length; i++) placed[i].y = Math.max(placed[i].y, placed[i - 1].y + height + 2);
	// Pushed past the bottom edge: walk back up.
	if (placed.length) placed[placed.length - 1].y = Math.min(placed[placed.length - 1].y, highest);
	for (let i = placed.length - 2; i >= 0; i--) placed[i].y = Math.min(placed[i].y, placed[i + 1].y - height - 2);
	const right = shot.plotWidth - shot.stripWidth - 10;
	context.font = `600 11px ${imageTheme.font}`;
	context.textBaseline = 'middle';
	for (const { label, y, text } of placed) {
		const textWidth = context.measureText(text).width;
		const left = Math.max(4, right - textWidth - 14);
		const colour = label.side === 'long' ? imageTheme.long : imageTheme.short;
		context.fillStyle = 'rgba(14, 17, 23, 0.88)';
		context.fillRect(left, top + y - height / 2, textWidth + 14, height);
		context.fillStyle = colour;
		context.fillRect(left, top + y - height / 2, 3, height);
		context.fillStyle = imageTheme.strong;
		context.fillText(text, left + 9, top + y);
	}
}
