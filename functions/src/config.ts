import { z } from 'zod';

export const DEFAULT_MAP_TILES = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© ผู้ร่วมพัฒนา OpenStreetMap',
} as const;

/** What the deployed functions read: the LINE channel, LIFF and map settings. Nothing the platform sets. */
const FunctionEnv = z.object({
  LINE_CHANNEL_SECRET: z.string().min(1, 'LINE_CHANNEL_SECRET is required'),
  LINE_CHANNEL_ACCESS_TOKEN: z.string().min(1, 'LINE_CHANNEL_ACCESS_TOKEN is required'),
  LINE_API_ORIGIN: z
    .url()
    .default('https://api.line.me')
    .transform((u) => u.replace(/\/+$/, '')),
  LINE_LOGIN_CHANNEL_ID: z.string().min(1, 'LINE_LOGIN_CHANNEL_ID is required'),
  LIFF_ID: z.string().min(1, 'LIFF_ID is required'),
  /** Raster tiles of the LIFF maps ({z}/{x}/{y}) and their attribution: OpenStreetMap's by default. */
  MAP_TILE_URL: z.string().min(1).default(DEFAULT_MAP_TILES.url),
  MAP_ATTRIBUTION: z.string().min(1).default(DEFAULT_MAP_TILES.attribution),
  /** Set by the Functions entry: production talks to LINE itself and nothing else. */
  PRODUCTION: z.enum(['true', 'false']).default('false'),
  /** Set by firebase-tools' Functions emulator (never on Cloud Functions): it may talk to a fake LINE API. */
  FUNCTIONS_EMULATOR: z.enum(['true', 'false']).default('false'),
});

/** The local server and the CLIs add where the data lives; PORT is read only where a server listens. */
const LocalEnv = FunctionEnv.extend({
  STORE: z.enum(['embedded', 'firestore']).default('embedded'),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Embedded store: start a new log generation past this size (tests set it low to compact often). */
  EMBEDDED_COMPACT_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(64 * 1024 * 1024),
});

const PortEnv = z.object({ PORT: z.coerce.number().int().min(0).max(65535).default(8080) });

const lineOnlyInProduction = (e: { PRODUCTION: string; FUNCTIONS_EMULATOR: string; LINE_API_ORIGIN: string }) =>
  e.PRODUCTION === 'false' || e.FUNCTIONS_EMULATOR === 'true' || e.LINE_API_ORIGIN === 'https://api.line.me';
const lineOnlyMessage = {
  path: ['LINE_API_ORIGIN'],
  message: 'production verifies ID tokens and sends messages only through https://api.line.me',
};

export type FunctionConfig = z.infer<typeof FunctionEnv>;
export type Config = z.infer<typeof LocalEnv>;

function parseEnv<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv): T {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The deployed functions' settings. Fails fast with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): FunctionConfig {
  return parseEnv(FunctionEnv.refine(lineOnlyInProduction, lineOnlyMessage), env);
}

/** The local stack's and the CLIs' settings: the functions' plus the store they open. */
export function loadLocalConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return parseEnv(LocalEnv.refine(lineOnlyInProduction, lineOnlyMessage), env);
}

/** The port a local server listens on (8080 unless PORT is set): never read by the deployed functions. */
export function localPort(env: NodeJS.ProcessEnv = process.env): number {
  return parseEnv(PortEnv, env).PORT;
}

/** Where the LIFF app opens a page: LINE appends the path to the endpoint URL registered for LIFF_ID. */
export function liffUrl(liffId: string, page: string, params: Record<string, string> = {}): string {
  const qs = new URLSearchParams(params).toString();
  return `https://liff.line.me/${liffId}/${page}${qs ? `?${qs}` : ''}`;
}

const ScheduleSchema = z.object({
  REMINDER_MONDAY_SCHEDULE: z.string().default('0 8 * * 1'),
  REMINDER_FRIDAY_SCHEDULE: z.string().default('0 8 * * 5'),
  SIGHTING_DIGEST_SCHEDULE: z.string().default('0 16 * * *'),
  REFERRAL_DIGEST_SCHEDULE: z.string().default('0 9 * * *'),
  WEEKLY_SNAPSHOT_SCHEDULE: z.string().default('0 23 * * 0'),
});

/**
 * Reminder times (cron, Asia/Bangkok), read at deploy time: Monday 08:00, Friday 08:00, sighting digest daily 16:00,
 * partners' referral digest daily 09:00, weekly snapshot Sunday 23:00 unless set.
 */
export function reminderSchedules(env: NodeJS.ProcessEnv = process.env) {
  const s = ScheduleSchema.parse(env);
  return {
    monday: s.REMINDER_MONDAY_SCHEDULE,
    friday: s.REMINDER_FRIDAY_SCHEDULE,
    digest: s.SIGHTING_DIGEST_SCHEDULE,
    referrals: s.REFERRAL_DIGEST_SCHEDULE,
    snapshot: s.WEEKLY_SNAPSHOT_SCHEDULE,
  };
}
