import { randomInt } from 'node:crypto';
import { addDays, InviteArgsSchema, ROLE_LABEL, type Invite, type User } from '@panong/shared';
import type { Deps } from '../deps';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: codes are read aloud and retyped

export async function createInvite(deps: Pick<Deps, 'store' | 'clock'>, input: unknown): Promise<Invite> {
  const args = InviteArgsSchema.parse(input);
  const now = deps.clock().toISOString();
  const code = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const invite: Invite = {
    code,
    role: args.role,
    areaCode: args.area,
    ...(args.school ? { schoolCode: args.school } : {}),
    createdAt: now,
    expiresAt: addDays(now, args.days),
  };
  await deps.store.transaction(async (tx) => {
    tx.create(`invites/${code}`, { ...invite });
    tx.create(`audit/${code}-created`, { action: 'invite.create', code, role: args.role, areaCode: args.area, at: now });
  });
  return invite;
}

export type RedeemResult = { ok: true; user: User } | { ok: false; message: string };

/** Links a LINE user to the invite's role and scope; an invite works once and until it expires. */
export async function redeemInvite(deps: Pick<Deps, 'store' | 'clock'>, userId: string, rawCode: string): Promise<RedeemResult> {
  const code = rawCode.trim().toUpperCase();
  if (!/^[A-Z0-9]{6,12}$/.test(code)) return { ok: false, message: 'รหัสลงทะเบียนไม่ถูกต้อง กรุณาตรวจสอบอีกครั้ง' };
  const now = deps.clock().toISOString();
  return deps.store.transaction(async (tx): Promise<RedeemResult> => {
    const invite = await tx.get<Invite>(`invites/${code}`);
    const existing = await tx.get<User>(`users/${userId}`);
    if (!invite) return { ok: false, message: 'ไม่พบรหัสลงทะเบียนนี้ กรุณาตรวจสอบกับผู้ประสานงาน' };
    if (invite.usedBy === userId && existing) return { ok: true, user: existing }; // a redelivered message
    if (invite.usedBy) return { ok: false, message: 'รหัสนี้ถูกใช้ไปแล้ว กรุณาขอรหัสใหม่จากผู้ประสานงาน' };
    if (invite.expiresAt <= now) return { ok: false, message: 'รหัสนี้หมดอายุแล้ว กรุณาขอรหัสใหม่จากผู้ประสานงาน' };
    const user: User = {
      ...(existing ?? {}),
      id: userId,
      role: invite.role,
      areaCode: invite.areaCode,
      ...(invite.schoolCode ? { schoolCode: invite.schoolCode } : {}),
      registeredAt: now,
    };
    if (!invite.schoolCode) delete user.schoolCode;
    tx.update(`invites/${code}`, { usedBy: userId, usedAt: now });
    tx.set(`users/${userId}`, { ...user });
    tx.create(`audit/${code}-redeemed`, { action: 'invite.redeem', code, userId, role: invite.role, at: now });
    return { ok: true, user };
  });
}

export function welcomeText(user: User): string {
  const scope = user.schoolCode ? `โรงเรียนรหัส ${user.schoolCode}` : `เขตพื้นที่ ${user.areaCode}`;
  return `ลงทะเบียนสำเร็จ ✅\nบทบาท: ${ROLE_LABEL[user.role]}\nขอบเขต: ${scope}\n\nพิมพ์ชื่อหรือเลขประจำตัวประชาชน 13 หลักของเด็กเพื่อค้นหา`;
}
