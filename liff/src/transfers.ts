import { formatThaiDate, type TransferView } from '@panong/shared';
import { api } from './liffClient';
import { $, el, showMessage } from './dom';
import './style.css';

/**
 * Coordinators of the receiving area answer a transfer: accept into one of their schools (picked by
 * district), or decline with a reason. The sending area sees the same list, read-only.
 */
type SchoolChoice = { code: string; name: string; province?: string; district?: string };
const schoolsByArea = new Map<string, Promise<SchoolChoice[]>>();
const schoolsOf = (area: string) => {
  if (!schoolsByArea.has(area))
    schoolsByArea.set(
      area,
      api<{ schools: SchoolChoice[] }>(`/directory/schools?area=${encodeURIComponent(area)}`).then(
        (r) => r.data.schools,
      ),
    );
  return schoolsByArea.get(area)!;
};

async function answer(t: TransferView, body: Record<string, string>): Promise<void> {
  try {
    await api(`/transfers/${encodeURIComponent(t.id)}`, { method: 'POST', body });
    await load(body.action === 'accept' ? `รับ ${t.childName} เข้าโรงเรียนแล้ว` : `แจ้งไม่รับ ${t.childName} แล้ว`);
  } catch (err) {
    showMessage($('#result'), 'error', err instanceof Error ? err.message : 'บันทึกไม่สำเร็จ');
  }
}

/** District first, then the school: the receiving area's directory, with the one the sender named preselected. */
function acceptForm(t: TransferView): HTMLElement {
  const district = el('select', { id: `district-${t.id}` }, el('option', { value: '' }, 'กำลังโหลดโรงเรียน…'));
  const school = el('select', { id: `school-${t.id}`, 'data-school': '' });
  const fill = (all: SchoolChoice[]) => {
    const inDistrict = all.filter((s) => !district.value || (s.district ?? '') === district.value);
    school.replaceChildren(
      el('option', { value: '' }, '— เลือกโรงเรียน —'),
      ...inDistrict.map((s) => el('option', { value: s.code }, s.name)),
    );
    if (t.toSchool && inDistrict.some((s) => s.code === t.toSchool)) school.value = t.toSchool;
  };
  void schoolsOf(t.toArea).then((all) => {
    const districts = [...new Set(all.map((s) => s.district ?? ''))].filter(Boolean);
    district.replaceChildren(
      el('option', { value: '' }, 'ทุกอำเภอ'),
      ...districts.map((d) => el('option', { value: d }, d)),
    );
    district.addEventListener('change', () => fill(all));
    fill(all);
  });
  const accept = el('button', { type: 'button' }, 'รับเข้าโรงเรียนนี้');
  accept.addEventListener('click', () => {
    if (!school.value) return showMessage($('#result'), 'error', 'กรุณาเลือกโรงเรียนที่รับเด็ก');
    void answer(t, { action: 'accept', schoolCode: school.value });
  });
  const reason = el('input', { id: `reason-${t.id}`, maxlength: '500', placeholder: 'เหตุผลที่ไม่รับ (จำเป็น)' });
  const decline = el('button', { type: 'button', class: 'secondary' }, 'ไม่รับ');
  decline.addEventListener('click', () => void answer(t, { action: 'decline', reason: reason.value }));
  return el(
    'div',
    { class: 'actions' },
    el('label', { for: district.id }, 'อำเภอ'),
    district,
    el('label', { for: school.id }, 'โรงเรียนที่รับ'),
    school,
    accept,
    el('label', { for: reason.id }, 'หรือไม่รับ'),
    reason,
    decline,
  );
}

function render(items: TransferView[]): void {
  $('#transfers').replaceChildren(
    ...items.map((t) =>
      el(
        'li',
        { 'data-transfer': t.id },
        el('strong', {}, t.childName),
        el('div', { class: 'muted' }, `จาก ${t.fromSchoolName} (${t.fromAreaName}) → เขต ${t.toArea}`),
        el('div', {}, `${t.stateLabel} · ${formatThaiDate(t.createdAt)}`),
        t.note ? el('div', {}, t.note) : null,
        t.reason ? el('div', {}, `เหตุผล: ${t.reason}`) : null,
        t.canAnswer ? acceptForm(t) : null,
      ),
    ),
  );
  if (items.length === 0) $('#transfers').append(el('li', { class: 'muted' }, 'ยังไม่มีเด็กย้ายเขต'));
}

async function load(message?: string): Promise<void> {
  const { data } = await api<{ transfers: TransferView[] }>('/transfers');
  render(data.transfers);
  if (message) showMessage($('#result'), 'ok', message);
}

load().catch((err: unknown) => showMessage($('#result'), 'error', err instanceof Error ? err.message : 'โหลดไม่สำเร็จ'));
