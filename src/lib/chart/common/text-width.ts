/**
 * Text widths in media pixels for one font, measured once per string on a detached canvas and cached: views lay out
 * labels in `update()`, where no rendering context is at hand. Label texts come from a small fixed set per dataset.
 */
export class TextWidths {
	readonly #font: string;
	readonly #cache = new Map<string, number>();
	#context: CanvasRenderingContext2D | null = null;

	constructor(font: string) {
		this.#font = font;
	}

	get font(): string {
		return this.#font;
	}

	of(text: string): number {
		const cached = this.#cache.get(text);
		if (cached !== undefined) return cached;
		if (!this.#context) {
			this.#context = document.createElement('canvas').getContext('2d');
			if (!this.#context) return text.length * 6;
			this.#context.font = this.#font;
		}
		const width = Math.ceil(this.#context.measureText(text).width);
		if (this.#cache.size > 2000) this.#cache.clear();
		this.#cache.set(text, width);
		return width;
	}
}
