/**
 * `scripts/start.js` passes its server's end on: the server's exit code, or 128 + the signal number when the server
 * was killed (137 for SIGKILL, as the out-of-memory killer sends), never 0. The "server" here is a stand-in `build/`
 * in a temporary directory that prints "Listening" and then ends as told.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const START = fileURLToPath(new URL('../../scripts/start.js', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs start.js in a directory whose `build/index.js` is `serverCode`. */
function runStart(serverCode: string) {
	const dir = mkdtempSync(join(tmpdir(), 'liqmap-start-'));
	dirs.push(dir);
	mkdirSync(join(dir, 'build'));
	writeFileSync(join(dir, 'build', 'index.js'), serverCode);
	return spawnSync(process.execPath, [START], { cwd: dir, encoding: 'utf8', env: { ...process.env, PORT: '4273' } });
}

describe('scripts/start.js', () => {
	it('a server killed by SIGKILL ends start.js with 137, saying so', () => {
		const result = runStart(`console.log('Listening on http://0.0.0.0:4273'); process.kill(process.pid, 'SIGKILL');`);
		expect(result.status).toBe(137); // 128 + SIGKILL (9)
		expect(result.stderr).toContain('liqmap: the server was stopped by SIGKILL');
		expect(result.stdout).toContain('open http://localhost:4273/');
	});

	it('a server killed by SIGTERM ends start.js with 143', () => {
		const result = runStart(`process.kill(process.pid, 'SIGTERM'); setTimeout(() => {}, 10000);`);
		expect(result.status).toBe(143); // 128 + SIGTERM (15)
	});

	it("a server's own exit code is passed on (3), and 0 stays 0", () => {
		expect(runStart('process.exit(3);').status).toBe(3);
		expect(runStart('process.exit(0);').status).toBe(0);
	});
});
