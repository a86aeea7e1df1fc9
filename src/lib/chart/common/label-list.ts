/**
 * Label candidates of one overlay, in media pixels, written by the overlay's view on every update and read by the
 * pane's label layer, which drops or stacks the ones that would collide. Slots are reused between frames; the texts
 * are made when the data changes, so filling the list allocates nothing.
 */
export type LabelAlign = 'left' | 'center' | 'right';

export class LabelList {
	/** Number of valid entries, highest priority first. */
	count = 0;
	readonly text: string[] = [];
	readonly colour: string[] = [];
	readonly align: LabelAlign[] = [];
	/** Anchor x (left edge, centre or right edge, per `align`) and vertical centre, media px. */
	xMedia = new Float32Array(16);
	yMedia = new Float32Array(16);
	/** Direction a colliding label may be moved to: -1 up, 1 down, 0 either way (then it tries up first). */
	shiftDirection = new Int8Array(16);
	/** How many label heights it may be moved before it is dropped (0 = drop at once). */
	maxSteps = new Int8Array(16);

	clear(): void {
		this.count = 0;
	}

	push(text: string, xMedia: number, yMedia: number, align: LabelAlign, colour: string, shiftDirection = 0, maxSteps = 0): void {
		const i = this.count++;
		if (i >= this.xMedia.length) this.#grow(this.xMedia.length * 2);
		this.text[i] = text;
		this.colour[i] = colour;
		this.align[i] = align;
		this.xMedia[i] = xMedia;
		this.yMedia[i] = yMedia;
		this.shiftDirection[i] = shiftDirection;
		this.maxSteps[i] = maxSteps;
	}

	#grow(size: number): void {
		const copy = <T extends Float32Array | Int8Array>(from: T, to: T) => (to.set(from), to);
		this.xMedia = copy(this.xMedia, new Float32Array(size));
		this.yMedia = copy(this.yMedia, new Float32Array(size));
		this.shiftDirection = copy(this.shiftDirection, new Int8Array(size));
		this.maxSteps = copy(this.maxSteps, new Int8Array(size));
	}
}

/** Implemented by overlays whose labels a label layer places. */
export interface LabelSource {
	readonly labels: LabelList;
}
