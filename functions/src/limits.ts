/**
 * Memory of the deployed functions, each backed by the measured peak of its heaviest work on the Firestore
 * emulator with the national list (bench/memory.ts; figures and headroom in the README's benchmark table).
 */
export const API_MEMORY = '512MiB' as const;
/**
 * The Monday and Friday runs: 625 and 765 MB measured in two runs at 15,000 schools (30,000 recipients), over
 * 512 MiB and within 30 % of 1 GiB (the plan holds one card per school in memory).
 */
export const REMINDER_MEMORY = '2GiB' as const;
/** The digests and the weekly snapshot (198 MB measured for 18,246 units). */
export const JOB_MEMORY = '512MiB' as const;

/** The MiB of a memory setting. */
export const mib = (setting: `${number}MiB` | `${number}GiB`) =>
  Number.parseFloat(setting) * (setting.endsWith('GiB') ? 1024 : 1);
