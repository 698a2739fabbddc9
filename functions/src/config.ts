import { z } from 'zod';

export const DEFAULT_MAP_TILES = { url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© ผู้ร่วมพัฒนา OpenStreetMap' } as const;

const EnvSchema = z.object({
  LINE_CHANNEL_SECRET: z.string().min(1, 'LINE_CHANNEL_SECRET is required'),
  LINE_CHANNEL_ACCESS_TOKEN: z.string().min(1, 'LINE_CHANNEL_ACCESS_TOKEN is required'),
  LINE_API_ORIGIN: z.url().default('https://api.line.me').transform((u) => u.replace(/\/+$/, '')),
  LINE_LOGIN_CHANNEL_ID: z.string().min(1, 'LINE_LOGIN_CHANNEL_ID is required'),
  LIFF_ID: z.string().min(1, 'LIFF_ID is required'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  STORE: z.enum(['embedded', 'firestore']).default('embedded'),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Embedded store: start a new log generation past this size (tests set it low to compact often). */
  EMBEDDED_COMPACT_BYTES: z.coerce.number().int().min(1).default(64 * 1024 * 1024),
  /** Raster tiles of the LIFF maps ({z}/{x}/{y}) and their attribution: OpenStreetMap's by default, replaceable by a self-hosted or commercial source. */
  MAP_TILE_URL: z.string().min(1).default(DEFAULT_MAP_TILES.url),
  MAP_ATTRIBUTION: z.string().min(1).default(DEFAULT_MAP_TILES.attribution),
  /** Set by the Functions entry: production talks to LINE itself and nothing else. */
  PRODUCTION: z.enum(['true', 'false']).default('false'),
}).refine((e) => e.PRODUCTION === 'false' || e.LINE_API_ORIGIN === 'https://api.line.me', {
  path: ['LINE_API_ORIGIN'],
  message: 'production verifies ID tokens and sends messages only through https://api.line.me',
});

export type Config = z.infer<typeof EnvSchema>;

/** The only place that reads process.env. Fails fast with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
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

/** Reminder times (cron, Asia/Bangkok), read at deploy time: Monday 08:00, Friday 08:00, sighting digest daily 16:00, partners' referral digest daily 09:00, weekly snapshot Sunday 23:00 unless set. */
export function reminderSchedules(env: NodeJS.ProcessEnv = process.env) {
  const s = ScheduleSchema.parse(env);
  return { monday: s.REMINDER_MONDAY_SCHEDULE, friday: s.REMINDER_FRIDAY_SCHEDULE, digest: s.SIGHTING_DIGEST_SCHEDULE, referrals: s.REFERRAL_DIGEST_SCHEDULE, snapshot: s.WEEKLY_SNAPSHOT_SCHEDULE };
}
