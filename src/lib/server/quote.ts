/**
 * Values from requests quoted safely in one-line error messages: never garbled by what they contain (`: `, quotes),
 * never carrying control characters (a terminal escape or a line break in a log), never longer than a line.
 */

/** C0 controls, DEL, C1 controls (U+0080–U+009F, e.g. CSI), and the line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const escapeControl = (text: string) => text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Characters of a value kept in a message; the rest is counted, not shown. */
export const QUOTED_VALUE_MAX = 60;
/** Longest error message (characters). */
export const MESSAGE_MAX = 300;

/** `"value"` with quotes and backslashes escaped, control characters as `\uXXXX`, cut after `max` characters. */
export function quoteValue(value: string, max = QUOTED_VALUE_MAX): string {
	const chars = [...value];
	const shown = chars.length > max ? chars.slice(0, max).join('') : value;
	const quoted = escapeControl(JSON.stringify(shown));
	return chars.length > max ? `${quoted.slice(0, -1)}…" (${chars.length} characters)` : quoted;
}

/** Free text for a one-line message: control characters escaped, cut at `max` characters with an ellipsis. */
export function oneLine(text: string, max = MESSAGE_MAX): string {
	const safe = escapeControl(text);
	const chars = [...safe];
	return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : safe;
}
