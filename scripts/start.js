// Starts the built app (adapter-node) and prints where to open it. `npm start` builds first.
// The server's end is this process's end: its exit code, or 128 + the signal number when it was killed (SIGKILL,
// the kernel's out-of-memory killer: 137), so a supervisor sees a failure and restarts it.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '0.0.0.0';
const server = spawn(process.execPath, ['build'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PORT: port, HOST: host } });
server.stdout.on('data', (chunk) => {
	const text = String(chunk);
	process.stdout.write(text);
	if (/Listening/.test(text)) console.log(`\n  BTC liquidation heatmap: open http://localhost:${port}/ (embedded Bybit sample, no network needed)\n`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('error', (error) => {
	console.error(`liqmap: could not start the server: ${error.message}`);
	process.exit(1);
});
server.on('exit', (code, signal) => {
	if (signal) console.error(`liqmap: the server was stopped by ${signal}`);
	process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
});
