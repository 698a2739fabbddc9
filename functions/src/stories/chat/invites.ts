import { randomInt } from 'node:crypto';
import {
  addDays,
  InviteArgsSchema,
  placesLabel,
  ROLE_LABEL,
  type Invite,
  type Partner,
  type User,
} from '@panong/shared';
import { UserFacingError } from '../../errors';
import type { Deps } from '../../deps';
import { paths } from '../../core/documents';
import { gazetteer } from '../../core/gazetteer';
import { officerPlaces } from '../localAdmins/officerPlaces';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: codes are read aloud and retyped

/** Failed codes a LINE user may send per hour before every attempt is refused without being checked. */
export const FAILED_PER_HOUR = 5;
/** Invites that open a whole area or the country get longer codes: 32^12 instead of 32^8. */
const WIDE_ROLES = new Set<User['role']>(['admin', 'area_coordinator']);
const REFUSED = 'รหัสลงทะเบียนไม่ถูกต้องหรือใช้ไม่ได้แล้ว กรุณาขอรหัสใหม่จากผู้ประสานงาน';
const TOO_MANY = 'ลงทะเบียนไม่สำเร็จหลายครั้งเกินไป กรุณาลองใหม่ในอีก 1 ชั่วโมง หรือติดต่อผู้ประสานงาน';

export async function createInvite(deps: Pick<Deps, 'store' | 'clock'>, input: unknown): Promise<Invite> {
  const args = InviteArgsSchema.parse(input);
  const partner = args.partner ? await deps.store.get<Partner>(paths.partner(args.partner)) : undefined;
  if (args.partner && !partner)
    throw new UserFacingError(400, `ไม่พบหน่วยงานรหัส ${args.partner} (โหลดรายชื่อหน่วยงานด้วย npm run partners ก่อน)`);
  const places =
    args.role === 'local_admin'
      ? officerPlaces(await gazetteer(), args.province!, args.district!, args.subdistricts!)
      : undefined;
  const now = deps.clock().toISOString();
  const code = Array.from(
    { length: WIDE_ROLES.has(args.role) ? 12 : 8 },
    () => ALPHABET[randomInt(ALPHABET.length)],
  ).join('');
  const invite: Invite = {
    code,
    role: args.role,
    // An agency user's scope is its partner; its area is the partner's first (for the welcome text only).
    areaCode: args.area ?? partner?.areas[0] ?? '',
    ...(args.school ? { schoolCode: args.school } : {}),
    ...(partner ? { partnerId: partner.id } : {}),
    ...(places ? { places } : {}),
    createdAt: now,
    expiresAt: addDays(now, args.days),
  };
  await deps.store.transaction(async (tx) => {
    tx.create(paths.invite(code), { ...invite });
    tx.create(paths.audit(`${code}-created`), {
      action: 'invite.create',
      code,
      role: args.role,
      areaCode: invite.areaCode,
      ...(partner ? { partnerId: partner.id } : {}),
      ...(places ? { placeCodes: places.map((p) => p.code) } : {}),
      at: now,
    });
  });
  return invite;
}

export type RedeemResult =
  | { ok: true; user: User }
  | { ok: false; message: string /** this failure reached the hourly limit: admins are told once */; burst?: boolean };

/**
 * Links a LINE user to the invite's role and scope; an invite works once and until it expires.
 * Guessing is limited: every failure is counted per user and hour and audited, one answer covers
 * "not found", "used" and "expired", and past the limit nothing is checked for an hour. Redeeming an
 * invite that would change an existing user's role or scope asks for confirmation first.
 */
export async function redeemInvite(
  deps: Pick<Deps, 'store' | 'clock' | 'newId'>,
  userId: string,
  rawCode: string,
  confirmed = false,
): Promise<RedeemResult> {
  const code = rawCode.trim().toUpperCase();
  const now = deps.clock().toISOString();
  const attemptsPath = `registrationAttempts/${userId}_${now.slice(0, 13).replace(/[-:T]/g, '')}`;
  return deps.store.transaction(async (tx): Promise<RedeemResult> => {
    // Read together: one round trip.
    const [attempts, invite, existing] = await Promise.all([
      tx.get<{ n: number }>(attemptsPath),
      /^[A-Z0-9]{6,12}$/.test(code) ? tx.get<Invite>(paths.invite(code)) : undefined,
      tx.get<User>(paths.user(userId)),
    ]);
    const failed = attempts?.n ?? 0;
    if (failed >= FAILED_PER_HOUR) return { ok: false, message: TOO_MANY };
    if (invite && invite.usedBy === userId && existing) return { ok: true, user: existing }; // a redelivered message
    if (!invite || invite.usedBy || invite.expiresAt <= now) {
      tx.set(attemptsPath, { n: failed + 1, userId, at: now });
      tx.create(paths.audit(deps.newId()), { action: 'invite.failed', userId, at: now, attempt: failed + 1 });
      return {
        ok: false,
        message: failed + 1 >= FAILED_PER_HOUR ? TOO_MANY : REFUSED,
        burst: failed + 1 === FAILED_PER_HOUR,
      };
    }
    const changes =
      existing &&
      (existing.role !== invite.role ||
        existing.areaCode !== invite.areaCode ||
        (existing.schoolCode ?? '') !== (invite.schoolCode ?? '') ||
        (existing.partnerId ?? '') !== (invite.partnerId ?? '') ||
        placesKey(existing) !== placesKey(invite));
    if (changes && !confirmed) {
      const from = `${ROLE_LABEL[existing.role]} ${scopeLabel(existing)}`;
      const to = `${ROLE_LABEL[invite.role]} ${scopeLabel(invite)}`;
      return {
        ok: false,
        message: `รหัสนี้จะเปลี่ยนบทบาทของคุณจาก ${from} เป็น ${to}\nถ้าต้องการเปลี่ยน พิมพ์: ยืนยัน ลงทะเบียน ${code}`,
      };
    }
    const user: User = {
      ...(existing ?? {}),
      id: userId,
      role: invite.role,
      areaCode: invite.areaCode,
      ...(invite.schoolCode ? { schoolCode: invite.schoolCode } : {}),
      ...(invite.partnerId ? { partnerId: invite.partnerId } : {}),
      ...(invite.places ? { places: invite.places } : {}),
      registeredAt: now,
    };
    if (!invite.schoolCode) delete user.schoolCode;
    if (!invite.partnerId) delete user.partnerId;
    if (!invite.places) delete user.places;
    tx.update(paths.invite(code), { usedBy: userId, usedAt: now });
    tx.set(paths.user(userId), { ...user });
    tx.create(paths.audit(`${code}-redeemed`), {
      action: 'invite.redeem',
      code,
      userId,
      role: invite.role,
      at: now,
      ...(changes ? { previousRole: existing.role } : {}),
    });
    return { ok: true, user };
  });
}

const placesKey = (x: Pick<User, 'places'>) => (x.places ?? []).map((p) => p.code).join(',');

/** Who or where a role acts for, in words: the partner, the school, the subdistricts or the area. */
function scopeLabel(x: Pick<User, 'partnerId' | 'schoolCode' | 'areaCode' | 'places'>): string {
  return x.partnerId ?? x.schoolCode ?? (x.places ? placesLabel(x.places) : x.areaCode);
}

export function welcomeText(user: User): string {
  if (user.partnerId) {
    return (
      `ลงทะเบียนสำเร็จ ✅\nบทบาท: ${ROLE_LABEL[user.role]}\nหน่วยงาน: ` +
      `${user.partnerId}\n\nคุณจะเห็นเฉพาะเด็กที่ส่งต่อมายังหน่วยงานของคุณ และได้รับสรุปเรื่องใหม่วันละครั้ง`
    );
  }
  const scope = user.places
    ? `เด็กที่อยู่ใน${placesLabel(user.places)} (ทุกโรงเรียน)`
    : user.schoolCode
      ? `โรงเรียนรหัส ${user.schoolCode}`
      : `เขตพื้นที่ ${user.areaCode}`;
  return (
    `ลงทะเบียนสำเร็จ ✅\nบทบาท: ${ROLE_LABEL[user.role]}\nขอบเขต: ` +
    `${scope}\n\nพิมพ์ชื่อหรือเลขประจำตัวประชาชน 13 หลักของเด็กเพื่อค้นหา`
  );
}
