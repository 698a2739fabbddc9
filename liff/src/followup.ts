import { FollowUpSchema, SCREENING_GROUPS, SCREENING_LABEL } from '@panong/shared';
import { api } from './liffClient';
import { $, el, fieldValue, showMessage } from './dom';
import './style.css';

/** One follow-up of a returned child: still attending, days attended, screening group, support. */
const childId = new URLSearchParams(location.search).get('child') ?? '';
let idempotencyKey = crypto.randomUUID();

$('#group').replaceChildren(
  el('option', { value: '' }, '— เลือก —'),
  ...SCREENING_GROUPS.map((g) => el('option', { value: g }, SCREENING_LABEL[g])),
);

async function loadChild(): Promise<void> {
  const { data } = await api<{
    name: string;
    maskedId: string;
    schoolName: string;
    statusLabel: string;
    screening: string | null;
  }>(`/children/${encodeURIComponent(childId)}`);
  $('#child').replaceChildren(
    el('h2', {}, data.name),
    el('span', { class: 'status', id: 'childStatus' }, data.statusLabel),
    el('p', { class: 'muted' }, `${data.maskedId} · ${data.schoolName}`),
  );
}

$('#form').addEventListener('submit', (e) => {
  e.preventDefault();
  const attending = (document.querySelector('input[name="attending"]:checked') as HTMLInputElement | null)?.value;
  const days = fieldValue('daysAttended');
  const parsed = FollowUpSchema.safeParse({
    idempotencyKey,
    attending: attending === undefined ? undefined : attending === 'yes',
    ...(days ? { daysAttended: Number(days) } : {}),
    group: fieldValue('group') || undefined,
    support: fieldValue('support') || undefined,
    note: fieldValue('note') || undefined,
  });
  if (!parsed.success) return showMessage($('#result'), 'error', parsed.error.issues[0]?.message ?? 'ข้อมูลไม่ครบ');
  void api<{ status: string; flagged: boolean }>(`/children/${encodeURIComponent(childId)}/followups`, {
    method: 'POST',
    body: parsed.data,
  })
    .then(({ data }) => {
      idempotencyKey = crypto.randomUUID();
      const text = data.status === 'returned' ? 'บันทึกแล้ว' : 'บันทึกแล้ว: เด็กหลุดจากระบบอีกครั้ง เปิดเรื่องติดตามใหม่';
      showMessage($('#result'), 'ok', `${text}${data.flagged ? ' · แจ้งผู้ประสานงานโรงเรียนให้ดูแลเป็นพิเศษ' : ''}`);
      return loadChild();
    })
    .catch((err: unknown) => showMessage($('#result'), 'error', err instanceof Error ? err.message : 'บันทึกไม่สำเร็จ'));
});

loadChild().catch((err: unknown) =>
  showMessage($('#result'), 'error', err instanceof Error ? err.message : 'โหลดไม่สำเร็จ'),
);
