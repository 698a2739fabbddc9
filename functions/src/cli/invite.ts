import { formatThaiDate, placesLabel, ROLE_LABEL } from '@panong/shared';
import { createInvite } from '../stories/chat/invites';
import { cliArgs, withStore, runCli } from './common';

async function main() {
  const { values } = cliArgs({
    role: { type: 'string' },
    area: { type: 'string' },
    school: { type: 'string' },
    partner: { type: 'string' },
    days: { type: 'string' },
    province: { type: 'string' },
    district: { type: 'string' },
    subdistricts: { type: 'string' },
  });
  const invite = await withStore((store) => createInvite({ store, clock: () => new Date() }, values));
  console.log(
    `บทบาท ${ROLE_LABEL[invite.role]} ` +
      `${invite.partnerId ? `หน่วยงาน ${invite.partnerId}` : invite.places ? placesLabel(invite.places) : `เขต ${invite.areaCode}`}` +
      `${invite.schoolCode ? ` โรงเรียน ${invite.schoolCode}` : ''} ` +
      `ใช้ได้ 1 ครั้ง ถึง ${formatThaiDate(invite.expiresAt)}`,
  );
  console.log(`ให้ผู้ใช้พิมพ์ในแชท: ลงทะเบียน ${invite.code}`);
  console.log(invite.code);
}

runCli(main);
