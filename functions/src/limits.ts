/**
 * Memory of the deployed functions, each backed by the measured peak of its heaviest work on the Firestore
 * emulator with the national list (bench/memory.ts; figures and headroom in the README's benchmark table).
 */
export const API_MEMORY = '512MiB' as const;
export const JOB_MEMORY = '512MiB' as const;

/** The MiB of a memory setting. */
export const mib = (setting: `${number}MiB` | `${number}GiB`) =>
  Number.parseFloat(setting) * (setting.endsWith('GiB') ? 1024 : 1);
