/**
 * A file dropped on an element (the chart area): `attach` is a Svelte attachment; `dragging` is true while a file is
 * held over it (for the drop hint). Only the first file of a drop is taken.
 */
export class FileDrop {
	#dragging = $state(false);
	readonly #onfile: (file: File) => void;

	constructor(onfile: (file: File) => void) {
		this.#onfile = onfile;
	}

	get dragging(): boolean {
		return this.#dragging;
	}

	readonly attach = (node: HTMLElement): (() => void) => {
		let depth = 0;
		const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
		const enter = (event: DragEvent) => {
			if (!carriesFiles(event)) return;
			event.preventDefault();
			depth++;
			this.#dragging = true;
		};
		const over = (event: DragEvent) => {
			if (!carriesFiles(event)) return;
			event.preventDefault();
			if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
		};
		const leave = () => {
			depth = Math.max(0, depth - 1);
			if (depth === 0) this.#dragging = false;
		};
		const drop = (event: DragEvent) => {
			if (!carriesFiles(event)) return;
			event.preventDefault();
			depth = 0;
			this.#dragging = false;
			const file = event.dataTransfer?.files[0];
			if (file) this.#onfile(file);
		};
		node.addEventListener('dragenter', enter);
		node.addEventListener('dragover', over);
		node.addEventListener('dragleave', leave);
		node.addEventListener('drop', drop);
		return () => {
			node.removeEventListener('dragenter', enter);
			node.removeEventListener('dragover', over);
			node.removeEventListener('dragleave', leave);
			node.removeEventListener('drop', drop);
		};
	};
}
