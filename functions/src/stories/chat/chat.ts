import type { webhook } from '@line/bot-sdk';
import { canSee, CHILD_ID, type Child, type User } from '@panong/shared';
import { httpStatusOf, type Message } from '../../ports/line';
import type { Deps } from '../../deps';
import {
  askLocation,
  HELP_TEXT,
  sightingInvite,
  locationSaved,
  NOT_REGISTERED_TEXT,
  quick,
  searchResults,
  text,
} from '../../messages/chat';
import { UserFacingError } from '../../errors';
import { recordCheckIn } from '../fieldWork/checkIn';
import { FAILED_PER_HOUR, redeemInvite, welcomeText } from './invites';
import { audienceOf, MENU_ALIAS } from '../lineSetup/richMenus';
import { notify } from '../../messages/notify';
import { searchChildren } from '../fieldWork/search';
import { recordViews, viewWrites } from '../fieldWork/views';
import type { Write } from '../../ports/store';
import { paths } from '../../core/documents';

const REGISTER = /^(ยืนยัน\s*)?(?:ลงทะเบียน|register)\s*([A-Za-z0-9]+)\s*$/i;
const HELP = /^(?:วิธีใช้|ช่วยเหลือ|help|\?)$/i;
const REMINDERS = /^(ปิด|เปิด)แจ้งเตือน$/;
const SIGHTING = /^แจ้งพบเด็ก$/;

/**
 * Turns one LINE webhook event into the messages to answer with (possibly none). `user` is the sender's document
 * when the caller has started reading it already; `after` collects records to commit after the reply (the chat
 * search's view records), else they are written before it.
 */
export async function respondTo(
  deps: Deps,
  event: webhook.Event,
  opts: { user?: Promise<User | undefined>; after?: Write[] } = {},
): Promise<Message[]> {
  const userId = event.source?.type === 'user' ? event.source.userId : undefined;
  if (!userId) return []; // groups and rooms: the bot does not work there (children's data)
  // Someone who blocked the account gets nothing (a push to them is wasted); only messages and
  // postbacks are answered otherwise.
  if (event.type !== 'follow' && event.type !== 'message' && event.type !== 'postback') return [];
  if (event.type === 'follow') {
    return [text(`สวัสดีค่ะ ยินดีต้อนรับสู่ "พาน้องกลับมาเรียน"\n\n${HELP_TEXT}`)];
  }
  const user = await (opts.user ?? deps.store.get<User>(paths.user(userId)));
  if (event.type === 'message' && event.message.type === 'text') {
    const typed = event.message.text.trim();
    const reg = REGISTER.exec(typed);
    if (reg) {
      const result = await redeemInvite(deps, userId, reg[2]!, !!reg[1]);
      if (!result.ok && result.burst) await tellAdminsOfGuessing(deps, userId);
      if (result.ok) await showRoleMenu(deps, result.user);
      return [text(result.ok ? welcomeText(result.user) : result.message)];
    }
    if (HELP.test(typed)) return [text(HELP_TEXT)];
    if (SIGHTING.test(typed)) return [sightingInvite(deps.liffId)];
    if (!user) return [text(NOT_REGISTERED_TEXT)];
    const reminders = REMINDERS.exec(typed);
    if (reminders) return setReminders(deps, user, reminders[1] === 'ปิด');
    return search(deps, user, typed, opts.after);
  }
  if (!user) return [text(NOT_REGISTERED_TEXT)];
  if (event.type === 'message' && event.message.type === 'location') {
    return attachLocation(deps, user, event.webhookEventId, event.message);
  }
  if (event.type === 'postback') {
    const params = new URLSearchParams(event.postback.data);
    if (params.get('action') === 'select') return selectChild(deps, user, params.get('child') ?? '');
  }
  return [];
}

/** Someone sent many wrong invite codes: admins hear it once per user and hour (never the codes). */
async function tellAdminsOfGuessing(deps: Deps, userId: string): Promise<void> {
  const admins = (await deps.store.query<User>('users', { where: [['role', '==', 'admin']], limit: 20 })).map(
    (u) => u.data.id,
  );
  const hour = deps.clock().toISOString().slice(0, 13);
  const message = text(
    `แจ้งเตือนความปลอดภัย: ผู้ใช้ LINE …${userId.slice(-4)} ใส่รหัสลงทะเบียนผิด ` +
      `${FAILED_PER_HOUR} ครั้งในชั่วโมงนี้ ระบบระงับการลงทะเบียนของผู้ใช้นี้ 1 ชั่วโมง`,
  );
  await notify(deps, admins, [message], {
    key: ['registration-burst', userId, hour],
    what: 'guessing alert not delivered',
  });
}

async function search(deps: Deps, user: User, typed: string, after?: Write[]): Promise<Message[]> {
  const result = await searchChildren(deps.store, user, typed.slice(0, 100));
  if (result.kind === 'invalid_id') return [text('เลขประจำตัวประชาชนไม่ถูกต้อง (ตรวจสอบเลขหลักสุดท้าย) กรุณาพิมพ์ใหม่')];
  if (result.kind === 'too_short') return [text('พิมพ์ชื่ออย่างน้อย 2 ตัวอักษร หรือเลขประจำตัวประชาชน 13 หลัก หรือรหัส G')];
  if (result.total === 0) return [text('ไม่พบเด็กที่ตรงกับคำค้นในความรับผิดชอบของคุณ ลองพิมพ์ชื่ออื่นหรือเลข 13 หลัก')];
  // The cards shown: recorded with the event's done mark after the reply, or now.
  const ids = result.children.map((c) => c.id);
  if (after) after.push(...viewWrites(deps, user, ids, 'chat_search'));
  else await recordViews(deps, user, ids, 'chat_search');
  return searchResults(result.children, result.total, deps.liffId);
}

async function setReminders(deps: Deps, user: User, off: boolean): Promise<Message[]> {
  await deps.store.batch([{ kind: 'update', path: paths.user(user.id), data: { remindersOff: off } }]);
  return [
    off
      ? text('ปิดการแจ้งเตือนวันจันทร์/วันศุกร์แล้ว พิมพ์ "เปิดแจ้งเตือน" เพื่อรับอีกครั้ง', [quick('เปิดแจ้งเตือน', 'เปิดแจ้งเตือน')])
      : text('เปิดการแจ้งเตือนวันจันทร์/วันศุกร์แล้ว', [quick('ปิดแจ้งเตือน', 'ปิดแจ้งเตือน')]),
  ];
}

async function selectChild(deps: Deps, user: User, childId: string): Promise<Message[]> {
  // Postback data comes from the user's device: only an id of the expected shape reaches a store path.
  const child = CHILD_ID.test(childId) ? await deps.store.get<Child>(paths.child(childId)) : undefined;
  if (!child || !canSee(user, child)) return [text('ไม่พบข้อมูลเด็กรายนี้ในความรับผิดชอบของคุณ')];
  await deps.store.batch([{ kind: 'update', path: paths.user(user.id), data: { lastOpenedChildId: child.id } }]);
  return [askLocation(child)];
}

async function attachLocation(
  deps: Deps,
  user: User,
  eventId: string,
  loc: { latitude: number; longitude: number },
): Promise<Message[]> {
  if (!user.lastOpenedChildId) {
    return [text('ยังไม่ได้เลือกเด็ก กรุณาค้นหาเด็กแล้วกด "ส่งตำแหน่ง" ก่อนแชร์ตำแหน่ง')];
  }
  try {
    const { child } = await recordCheckIn(deps, user, user.lastOpenedChildId, {
      idempotencyKey: eventId,
      location: { lat: loc.latitude, lng: loc.longitude, source: 'line' },
    });
    return [locationSaved(child, deps.liffId)];
  } catch (err) {
    if (err instanceof UserFacingError) return [text(err.message)];
    throw err;
  }
}

/**
 * Registration (or a role change) shows the role's rich menu. A channel without menus yet
 * (`npm run line:setup` not run) only loses the menu, never the registration.
 */
async function showRoleMenu(deps: Deps, user: User): Promise<void> {
  await deps.line
    .linkMenu(user.id, MENU_ALIAS[audienceOf(user.role)])
    .catch((err: unknown) => deps.logger.info('no rich menu linked', { status: httpStatusOf(err) }));
}
