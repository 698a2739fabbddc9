/**
 * Memory of the deployed functions, each backed by the measured peak of its heaviest work on the Firestore
 * emulator with the national list (bench/memory.ts; figures and headroom in the README's benchmark table).
 */
export const API_MEMORY = '512MiB' as const;
/**
 * The Monday and Friday runs at 15,000 schools (30,000 recipients): 625 / 765 MB while the plan held one card per
 * school; 397–400 MB on the national list once cards are built and sent a chunk at a time (over 70 % of 512 MiB).
 */
export const REMINDER_MEMORY = '1GiB' as const;
/** The digests and the weekly snapshot (198 MB measured for 18,246 units). */
export const JOB_MEMORY = '512MiB' as const;

/** The MiB of a memory setting. */
export const mib = (setting: `${number}MiB` | `${number}GiB`) =>
  Number.parseFloat(setting) * (setting.endsWith('GiB') ? 1024 : 1);
