/** Waiting for and stopping the emulators this project starts (gcloud's Firestore, firebase-tools). */
import type { ChildProcess } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

/**
 * Resolves once `child` (spawned with piped stdout/stderr) has printed `marker`, with what it printed;
 * rejects if it exits first or `timeoutMs` passes. `keepReading`: go on collecting its output (else it
 * is read and dropped, so a long run holds none of it).
 */
export function printed(
  child: ChildProcess,
  marker: string,
  opts: { what: string; timeoutMs: number; keepReading?: boolean },
): Promise<() => string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const done = (err?: Error) => {
      clearTimeout(timer);
      child.removeListener('exit', exited);
      if (!opts.keepReading) {
        child.stdout?.removeListener('data', collect).resume();
        child.stderr?.removeListener('data', collect).resume();
      }
      if (err) reject(err);
      else resolve(() => output);
    };
    const collect = (b: Buffer) => {
      const waiting = !output.includes(marker);
      output += stripVTControlCharacters(b.toString()); // firebase-tools colours even when told not to
      if (waiting && output.includes(marker)) done();
    };
    const exited = (code: number | null) => done(new Error(`${opts.what} exited (${code}):\n${output}`));
    const timer = setTimeout(
      () => done(new Error(`${opts.what} did not start in ${opts.timeoutMs} ms:\n${output}`)),
      opts.timeoutMs,
    );
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', exited);
  });
}

/** Sends `signal` to the process group of `child` and waits up to `graceMs`; then SIGKILL if `kill`. */
export async function stopGroup(child: ChildProcess, signal: NodeJS.Signals, graceMs: number, kill = false) {
  if (child.exitCode !== null) return;
  const exited = new Promise<boolean>((r) => child.once('exit', () => r(true)));
  try {
    process.kill(-child.pid!, signal);
  } catch {
    return; // already gone
  }
  const gone = await Promise.race([exited, new Promise<boolean>((r) => setTimeout(() => r(false), graceMs))]);
  if (!gone && kill) process.kill(-child.pid!, 'SIGKILL');
}
