/**
 * Firebase entry point: wires real adapters only. Secrets are read when the first request
 * (or job) arrives, because defineSecret values exist only at run time. Everything heavy is
 * imported inside the function that needs it, so a cold start of one function does not load
 * the others' modules (the deploy test measures it).
 */
import { defineSecret, defineString } from 'firebase-functions/params';
import { onRequest } from 'firebase-functions/v2/https';
import { onSchedule, type ScheduleOptions } from 'firebase-functions/v2/scheduler';
import { setGlobalOptions } from 'firebase-functions/v2/options';
import { reminderSchedules } from './config';
import { API_MEMORY, JOB_MEMORY, REMINDER_MEMORY } from './limits';
import type { Deps } from './deps';
import type { ReminderKind } from './stories/reports/reminders';

const channelSecret = defineSecret('LINE_CHANNEL_SECRET');
const channelAccessToken = defineSecret('LINE_CHANNEL_ACCESS_TOKEN');
const loginChannelId = defineString('LINE_LOGIN_CHANNEL_ID');
const liffId = defineString('LIFF_ID');

setGlobalOptions({ region: 'asia-southeast1', maxInstances: 20 });

let deps: Promise<Deps> | undefined;
function getDeps(): Promise<Deps> {
  deps ??= (async () => {
    const { loadConfig } = await import('./config');
    const { openFirestore, realDeps } = await import('./wiring');
    const config = loadConfig({
      ...process.env,
      PRODUCTION: 'true',
      LINE_CHANNEL_SECRET: channelSecret.value(),
      LINE_CHANNEL_ACCESS_TOKEN: channelAccessToken.value(),
      LINE_LOGIN_CHANNEL_ID: loginChannelId.value(),
      LIFF_ID: liffId.value(),
    });
    return realDeps(config, await openFirestore());
  })();
  return deps;
}

type Handler = (req: unknown, res: unknown) => void;
let app: Promise<Handler> | undefined;
/** The webhook, the LIFF JSON API and /liff/config.json (Hosting rewrites them here). */
export const api = onRequest(
  { secrets: [channelSecret, channelAccessToken], timeoutSeconds: 60, memory: API_MEMORY, concurrency: 40 },
  async (req, res) => {
    app ??= Promise.all([getDeps(), import('./app')]).then(([d, { createApp }]) => createApp(d) as unknown as Handler);
    (await app)(req, res);
  },
);

/** Every scheduled job: Bangkok time, the LINE secrets, 540 s, retried by the scheduler. */
const jobOptions = (schedule: string, memory: ScheduleOptions['memory'] = JOB_MEMORY): ScheduleOptions => ({
  schedule,
  timeZone: 'Asia/Bangkok',
  secrets: [channelSecret, channelAccessToken],
  timeoutSeconds: 540,
  memory,
  retryCount: 3,
});

/** A retried or duplicated run (same scheduleTime → same Bangkok date) sends nothing twice. */
function reminderJob(kind: ReminderKind, schedule: string) {
  const weekly = kind === 'monday' || kind === 'friday'; // every school's or area's people: the heavy runs
  return onSchedule(jobOptions(schedule, weekly ? REMINDER_MEMORY : JOB_MEMORY), async (event) => {
    const [{ runReminders }, { bangkokYmd }] = await Promise.all([
      import('./stories/reports/reminders'),
      import('@panong/shared'),
    ]);
    const report = await runReminders(await getDeps(), kind, bangkokYmd(new Date(event.scheduleTime)));
    if (report.failed > 0) throw new Error(`${report.failed} recipients not reached; the retry resumes`);
  });
}

const schedules = reminderSchedules();
export const mondayReminder = reminderJob('monday', schedules.monday);
export const fridayReminder = reminderJob('friday', schedules.friday);
/** Staff hear about community reports once a day, never per report: one message per area at most. */
export const sightingDigest = reminderJob('digest', schedules.digest);
/** Partner agencies hear of referrals once a day: what waits for their answer and what is overdue. */
export const referralDigest = reminderJob('referrals', schedules.referrals);
/** Each Sunday night: one small snapshot per unit (country, area, school) for the dashboards' weekly trend. */
export const weeklySnapshot = onSchedule(jobOptions(schedules.snapshot), async (event) => {
  const [{ takeSnapshots }, { bangkokYmd }] = await Promise.all([
    import('./stories/reports/snapshots'),
    import('@panong/shared'),
  ]);
  await takeSnapshots((await getDeps()).store, bangkokYmd(new Date(event.scheduleTime)), new Date().toISOString());
});
