import { CLOSE_OUTCOME_LABEL, CLOSE_OUTCOMES, formatThaiDate, type ReferralListItem } from '@panong/shared';
import { api } from './liffClient';
import { $, el, fieldValue, showMessage } from './dom';
import './style.css';

/**
 * A partner's referrals (coordinators see their unit's, read-only): new first, overdue marked, and
 * for the partner's users the next step of each: accept or decline (with a reason), then progress
 * notes and a closing outcome; a child the partner was asked to search for can be reported found.
 */

let isAgency = false;

const button = (label: string, onClick: () => void, cls = 'secondary') => {
  const b = el('button', { type: 'button', class: cls }, label);
  b.addEventListener('click', onClick);
  return b;
};

/** The form of one action, opened under the referral; posting it reloads the list. */
function actionForm(r: ReferralListItem, action: string): HTMLElement {
  const form = el('form', { class: 'card', 'data-action': action });
  const fields: HTMLElement[] = [];
  if (action === 'decline')
    fields.push(
      el('label', { for: `reason-${r.id}` }, 'เหตุผลที่ปฏิเสธ (จำเป็น)'),
      el('textarea', { id: `reason-${r.id}`, maxlength: '1000' }),
    );
  if (action === 'update' || action === 'close' || action === 'found')
    fields.push(
      el('label', { for: `note-${r.id}` }, action === 'update' ? 'ความคืบหน้า (จำเป็น)' : 'บันทึก'),
      el('textarea', { id: `note-${r.id}`, maxlength: '1000' }),
    );
  if (action === 'close') {
    fields.push(
      el('label', { for: `outcome-${r.id}` }, 'ผลการปิดเรื่อง'),
      el(
        'select',
        { id: `outcome-${r.id}` },
        el('option', { value: '' }, '— เลือก —'),
        ...CLOSE_OUTCOMES.map((o) => el('option', { value: o }, CLOSE_OUTCOME_LABEL[o])),
      ),
    );
  }
  if (action === 'found' || action === 'update') {
    fields.push(
      el('label', {}, action === 'found' ? 'ตำแหน่งที่พบ (จำเป็น)' : 'ตำแหน่งที่เยี่ยม'),
      el(
        'div',
        { class: 'row' },
        el('input', { id: `lat-${r.id}`, inputmode: 'decimal', placeholder: 'ละติจูด', 'aria-label': 'ละติจูด' }),
        el('input', { id: `lng-${r.id}`, inputmode: 'decimal', placeholder: 'ลองจิจูด', 'aria-label': 'ลองจิจูด' }),
      ),
      button('📍 ใช้ตำแหน่งปัจจุบัน', () =>
        navigator.geolocation.getCurrentPosition((p) => {
          ($(`#lat-${r.id}`) as HTMLInputElement).value = String(p.coords.latitude);
          ($(`#lng-${r.id}`) as HTMLInputElement).value = String(p.coords.longitude);
        }),
      ),
    );
  }
  form.append(...fields, el('button', { type: 'submit' }, 'ยืนยัน'));
  const key = crypto.randomUUID(); // one per intended answer: a double tap records once
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const lat = fieldValue(`lat-${r.id}`);
    const lng = fieldValue(`lng-${r.id}`);
    const body = {
      action,
      idempotencyKey: key,
      ...(fieldValue(`reason-${r.id}`) ? { reason: fieldValue(`reason-${r.id}`) } : {}),
      ...(fieldValue(`note-${r.id}`) ? { note: fieldValue(`note-${r.id}`) } : {}),
      ...(fieldValue(`outcome-${r.id}`) ? { outcome: fieldValue(`outcome-${r.id}`) } : {}),
      ...(lat && lng ? { location: { lat: Number(lat), lng: Number(lng), source: 'pin' } } : {}),
    };
    void api(`/referrals/${encodeURIComponent(r.id)}`, { method: 'POST', body })
      .then(() => load(`บันทึกแล้ว: ${r.childName}`))
      .catch((err: unknown) => showMessage($('#result'), 'error', err instanceof Error ? err.message : 'บันทึกไม่สำเร็จ'));
  });
  return form;
}

function actionsFor(r: ReferralListItem): Array<[string, string]> {
  if (!isAgency) return [];
  if (r.state === 'sent')
    return [
      ['accept', 'รับเรื่อง'],
      ['decline', 'ปฏิเสธ'],
      ...(r.kind === 'search' ? [['found', 'พบตัวเด็ก'] as [string, string]] : []),
    ];
  if (r.state === 'accepted' || r.state === 'in_progress')
    return [
      ['update', 'บันทึกความคืบหน้า'],
      ['close', 'ปิดเรื่อง'],
      ...(r.kind === 'search' ? [['found', 'พบตัวเด็ก'] as [string, string]] : []),
    ];
  return [];
}

function render(items: ReferralListItem[]): void {
  $('#referrals').replaceChildren(
    ...items.map((r) => {
      const slot = el('div', {});
      const li = el(
        'li',
        { 'data-referral': r.id, 'data-state': r.state },
        el(
          'a',
          { href: `${import.meta.env.BASE_URL}checkin.html?child=${encodeURIComponent(r.childId)}` },
          el('strong', {}, r.childName),
        ),
        ' ',
        el('span', { class: 'status' }, r.stateLabel),
        r.overdue ? el('span', { class: 'error overdue' }, ' ⚠ เกินกำหนด') : null,
        el(
          'div',
          { class: 'muted' },
          `${r.kind === 'search' ? 'ให้ค้นหาต่อ' : `สาเหตุ: ${r.causeLabel ?? '-'}`} ` +
            `· ${r.partnerName} · ส่งเมื่อ ${formatThaiDate(r.createdAt)}`,
        ),
        r.note ? el('div', {}, `บันทึกผู้ส่ง: ${r.note}`) : null,
        r.lastNote ? el('div', {}, `ล่าสุด: ${r.lastNote}`) : null,
        r.declineReason ? el('div', {}, `เหตุผลที่ปฏิเสธ: ${r.declineReason}`) : null,
        el(
          'div',
          { class: 'row' },
          ...actionsFor(r).map(([action, label]) =>
            button(label, () => slot.replaceChildren(actionForm(r, action)), action === 'accept' ? '' : 'secondary'),
          ),
        ),
        slot,
      );
      return li;
    }),
  );
  if (items.length === 0) $('#referrals').append(el('li', { class: 'muted' }, 'ยังไม่มีเรื่องส่งต่อ'));
}

async function load(message?: string): Promise<void> {
  const [{ data: me }, { data }] = await Promise.all([
    api<{ role: string }>('/me'),
    api<{ referrals: ReferralListItem[] }>('/referrals'),
  ]);
  isAgency = me.role === 'agency';
  render(data.referrals);
  if (message) showMessage($('#result'), 'ok', message);
}

load().catch((err: unknown) => showMessage($('#result'), 'error', err instanceof Error ? err.message : 'โหลดไม่สำเร็จ'));
