import { redact } from '@panong/shared';

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

type Sink = (line: string) => void;

/** Structured one-line JSON logs; every line passes through redact() so no national ID or phone reaches a log. */
export function createLogger(sink: Sink = (l) => process.stdout.write(l + '\n')): Logger {
  const log =
    (severity: string) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      const safe = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? v.message : v]));
      sink(redact(JSON.stringify({ severity, message, ...safe })));
    };
  return { info: log('INFO'), warn: log('WARNING'), error: log('ERROR') };
}

/** Keeps lines in memory: for tests that scan what was logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createLogger((l) => lines.push(l)),
    { lines },
  );
}
