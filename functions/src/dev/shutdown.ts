/** Ctrl-C or a kill stops a local server cleanly: `stop` runs once, then the process exits. */
export function onShutdown(stop: () => Promise<void>): void {
  const run = async () => {
    await stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', run);
  process.once('SIGTERM', run);
}
