/**
 * Command-line options, read with `node:util` `parseArgs` and checked as the JSON API checks a query: an unknown
 * option, a repeated one, a value given to a switch (`--json=false`), a missing value or a stray argument is refused
 * with one line naming it (exit code 2). `-h`/`--help` is a switch of every command.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './input.ts';

export interface OptionSpec {
	/** Options that take a value (`--timeframe 1h`, `--timeframe=1h`). */
	values: readonly string[];
	/** Switches, present or absent (`--json`); `help` is added to every command. */
	switches: readonly string[];
}

/** The options given: name → value (`'true'` for a switch). */
export type Flags = Map<string, string>;

export function readOptions(args: string[], spec: OptionSpec): Flags {
	const switches = [...spec.switches, 'help'];
	const options = Object.fromEntries([
		...spec.values.map((name) => [name, { type: 'string' as const }]),
		...switches.map((name) => [name, { type: 'boolean' as const, ...(name === 'help' ? { short: 'h' } : {}) }])
	]);
	// Not strict: every token comes back, so that each refusal is worded here, naming the option as typed.
	const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
	const flags: Flags = new Map();
	for (const token of tokens) {
		if (token.kind === 'positional') throw new UsageError(`unexpected argument ${quoteArg(token.value)}`);
		if (token.kind === 'option-terminator') throw new UsageError('unexpected argument "--"');
		const { name, rawName } = token;
		const isSwitch = switches.includes(name);
		if (!isSwitch && !spec.values.includes(name)) throw new UsageError(`unknown option ${quoteOption(rawName)}`);
		if (flags.has(name)) throw new UsageError(`${rawName} is given more than once`);
		if (isSwitch) {
			if (token.inlineValue) throw new UsageError(`${rawName} takes no value (leave it out to turn it off)`);
			flags.set(name, 'true');
		} else {
			const value = token.value;
			if (value === undefined || (!token.inlineValue && value.startsWith('--'))) throw new UsageError(`${rawName} needs a value`);
			flags.set(name, value);
		}
	}
	return flags;
}

/** An argument as typed, quoted and cut for a one-line message. */
function quoteArg(value: string): string {
	return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** An unknown option's name as typed; long junk is cut. */
function quoteOption(rawName: string): string {
	return rawName.length > 40 ? `${rawName.slice(0, 40)}…` : rawName;
}
