import {
  CAUSES,
  CAUSE_LABEL,
  DESTINATION_LABEL,
  formatThaiDateTime,
  NOT_FOUND_LABEL,
  NOT_FOUND_REASONS,
  OutcomeSchema,
  REFERRAL_STATE_LABEL,
  RETURN_DESTINATIONS,
  type Status,
  type CaseEventView,
  type ChildView,
  type PartnerListItem,
} from '@panong/shared';
import { api, ApiError } from './liffClient';
import { flushWhenOnline, keep, waiting } from './outbox';
import { $, el, fieldValue, showMessage } from './dom';
import { locationPicker, type PickedLocation } from './location';
import { mountPlan } from './casePlan';
import './style.css';

/** A text field of an event's outcome (outcomes also hold numbers and lists the history does not show). */
const said = (e: CaseEventView, field: string): string | undefined => {
  const v = e.outcome[field];
  return typeof v === 'string' ? v : undefined;
};

const childId = new URLSearchParams(location.search).get('child') ?? '';
let currentLocation: () => PickedLocation | undefined = () => undefined;
// One key per intended submission: a double tap or a retry after a lost answer records once.
let idempotencyKey = crypto.randomUUID();

const ACTION_LABEL: Record<string, string> = {
  accept: 'รับเรื่อง',
  decline: 'ปฏิเสธ',
  update: 'บันทึกความคืบหน้า',
  close: 'ปิดเรื่อง',
  found: 'พบตัวเด็ก',
};
const CLOSURE_NEEDS_NOTE = new Set<Status>(['moved_abroad', 'deceased', 'duplicate', 'already_enrolled']);

function select(id: string, label: string, options: readonly string[], labels: Record<string, string>): HTMLElement {
  return el(
    'div',
    {},
    el('label', { for: id }, label),
    el(
      'select',
      { id },
      el('option', { value: '' }, '— เลือก —'),
      ...options.map((o) => el('option', { value: o }, labels[o] ?? o)),
    ),
  );
}

function renderDetails(status: Status): void {
  const box = $('#details');
  box.replaceChildren();
  if (status === 'returned') {
    box.append(select('destination', 'กลับเข้าเรียนที่', RETURN_DESTINATIONS, DESTINATION_LABEL));
    box.append(el('label', { for: 'institution' }, 'ชื่อสถานศึกษา'), el('input', { id: 'institution', maxlength: '200' }));
  } else if (status === 'referred') {
    const cause = select('cause', 'สาเหตุที่ยังกลับเข้าเรียนไม่ได้', CAUSES, CAUSE_LABEL);
    box.append(cause, partnerPicker('ส่งต่อหน่วยงานภาคี (หน่วยงานที่รับสาเหตุนี้อยู่บนสุด)'));
    cause.querySelector('select')!.addEventListener('change', () => void loadPartners(value('cause')));
    void loadPartners(undefined);
  } else if (status === 'forwarded') {
    box.append(partnerPicker('ส่งต่อหน่วยงานภาคีให้ค้นหาต่อ'));
    void loadPartners(undefined);
  } else if (status === 'not_found') {
    box.append(select('reason', 'เหตุที่ไม่พบตัว', NOT_FOUND_REASONS, NOT_FOUND_LABEL));
  } else if (status === 'moved') {
    box.append(...destinationPicker());
  }
  ($('#note') as HTMLTextAreaElement).placeholder = CLOSURE_NEEDS_NOTE.has(status)
    ? 'จำเป็น: ระบุรายละเอียดหรือหลักฐาน'
    : 'เช่น พบที่บ้าน ยายดูแลอยู่';
}

const value = (id: string): string | undefined => fieldValue(id) || undefined;

/**
 * Where the child lives now: the area (typed part of a province or area name narrows the list), then
 * optionally the school of that area, by district. The receiving area decides the school if none is picked.
 */
function destinationPicker(): HTMLElement[] {
  const filter = el('input', { id: 'areaFilter', placeholder: 'พิมพ์ชื่อจังหวัดหรือเขต เช่น เชียงใหม่' });
  const area = el('select', { id: 'toArea' }, el('option', { value: '' }, 'กำลังโหลดเขตพื้นที่…'));
  const school = el('select', { id: 'toSchool' }, el('option', { value: '' }, '— เขตปลายทางเลือกโรงเรียนเอง —'));
  let areas: Array<{ code: string; name: string }> = [];
  const fillAreas = () => {
    const shown = areas.filter((a) => a.name.includes(filter.value.trim()) || a.code === filter.value.trim());
    area.replaceChildren(
      el('option', { value: '' }, '— เลือกเขตพื้นที่ปลายทาง —'),
      ...shown.map((a) => el('option', { value: a.code }, a.name)),
    );
  };
  void api<{ areas: typeof areas }>('/directory/areas').then(({ data }) => {
    areas = data.areas;
    fillAreas();
  });
  filter.addEventListener('input', fillAreas);
  area.addEventListener('change', async () => {
    school.replaceChildren(el('option', { value: '' }, '— เขตปลายทางเลือกโรงเรียนเอง —'));
    if (!area.value) return;
    const { data } = await api<{ schools: Array<{ code: string; name: string; district?: string }> }>(
      `/directory/schools?area=${encodeURIComponent(area.value)}`,
    );
    school.append(
      ...data.schools.map((s) => el('option', { value: s.code }, s.district ? `${s.name} (อ.${s.district})` : s.name)),
    );
  });
  return [
    el('label', { for: 'areaFilter' }, 'ย้ายไปอยู่จังหวัด / เขตพื้นที่'),
    filter,
    area,
    el('label', { for: 'toSchool' }, 'โรงเรียนปลายทาง (ถ้าทราบ)'),
    school,
  ];
}

/** Partners come from the directory: only those serving the child's province or area, the cause's first. */
function partnerPicker(label: string): HTMLElement {
  return el(
    'div',
    {},
    el('label', { for: 'partner' }, label),
    el('select', { id: 'partner' }, el('option', { value: '' }, 'กำลังโหลดรายชื่อหน่วยงาน…')),
  );
}

async function loadPartners(cause: string | undefined): Promise<void> {
  const qs = new URLSearchParams({ child: childId, ...(cause ? { cause } : {}) });
  const { data } = await api<{ partners: PartnerListItem[] }>(`/partners?${qs.toString()}`);
  const picker = document.getElementById('partner');
  if (!picker) return;
  const takes = (p: PartnerListItem) => !cause || p.causes.length === 0 || p.causes.includes(cause);
  picker.replaceChildren(
    el('option', { value: '' }, data.partners.length ? '— เลือกหน่วยงาน —' : 'ไม่มีหน่วยงานภาคีในจังหวัดนี้ (ติดต่อผู้ประสานงานเขต)'),
    ...data.partners.map((p) => el('option', { value: p.id }, `${p.name}${takes(p) ? '' : ' (ไม่ได้ระบุรับสาเหตุนี้)'}`)),
  );
}

function renderChild(child: ChildView): void {
  const rows: Array<[string, string | null]> = [
    ['เลขประจำตัวประชาชน', child.maskedId],
    ['โรงเรียน', child.schoolName],
    ['ชั้น', child.grade],
    ['ที่อยู่ปัจจุบัน', child.currentAddress],
    ['ผู้ปกครอง', child.guardianName],
  ];
  const phone = child.guardianPhone ? el('a', { href: `tel:${child.guardianPhone}` }, 'โทรหาผู้ปกครอง') : null;
  $('#child').replaceChildren(
    el('h2', { id: 'childName' }, child.name),
    el('span', { class: 'status', id: 'childStatus' }, child.statusLabel),
    ...rows.filter(([, v]) => v).map(([k, v]) => el('p', {}, el('span', { class: 'muted' }, `${k}: `), v!)),
    ...(phone ? [phone] : []),
    ...(child.referral
      ? [
          el(
            'p',
            { id: 'referralState' },
            el('span', { class: 'muted' }, 'เรื่องส่งต่อ: '),
            REFERRAL_STATE_LABEL[child.referral.state],
          ),
        ]
      : []),
    ...(child.status === 'returned'
      ? [
          el(
            'a',
            {
              href: `${import.meta.env.BASE_URL}followup.html?child=${encodeURIComponent(child.id)}`,
              id: 'followupLink',
            },
            'บันทึกการติดตามหลังกลับเข้าเรียน',
          ),
        ]
      : []),
  );
  renderSiblings(child);
  const status = $('#status') as HTMLSelectElement;
  status.replaceChildren(
    ...child.allowedNext.map((s) =>
      el('option', { value: s.status }, s.status === child.status ? `${s.label} (เยี่ยมติดตาม)` : s.label),
    ),
  );
  renderDetails(status.value as Status);
  $('#form').classList.toggle('hidden', child.allowedNext.length === 0);
  $('#history').replaceChildren(
    ...child.history.map((h) =>
      el(
        'li',
        { 'data-event': h.id },
        el('strong', {}, h.toLabel),
        ' ',
        el('span', { class: 'muted' }, `${formatThaiDateTime(h.at)} โดย ${h.by}`),
        h.location
          ? el('div', { class: 'muted' }, `ตำแหน่ง ${h.location.lat.toFixed(5)}, ${h.location.lng.toFixed(5)}`)
          : null,
        said(h, 'partnerName')
          ? el(
              'div',
              { class: 'muted' },
              `หน่วยงาน: ${said(h, 'partnerName')}` +
                (said(h, 'action') ? ` · ${ACTION_LABEL[said(h, 'action')!] ?? said(h, 'action')}` : ''),
            )
          : null,
        said(h, 'reason') && h.type === 'referral' ? el('div', {}, `เหตุผล: ${said(h, 'reason')}`) : null,
        said(h, 'note') ? el('div', {}, said(h, 'note')) : null,
        h.type === 'plan'
          ? el('div', {}, `ปรับแผนช่วยเหลือ: กิจกรรม ${h.outcome.actions} รายการ เสร็จแล้ว ${h.outcome.done}`)
          : null,
      ),
    ),
  );
  if (child.history.length === 0) $('#history').append(el('li', { class: 'muted' }, 'ยังไม่มีประวัติ'));
}

/** Statuses from which a sibling seen at this visit is recorded as found (as its own check-in). */
const SEEN_FROM = new Set<Status>(['not_tracked', 'not_found', 'found']);

/** Brothers and sisters (same guardian phone): a link to each, and "here too" for those this visit can find. */
function renderSiblings(child: ChildView): void {
  const box = $('#siblings');
  box.classList.toggle('hidden', child.siblings.length === 0);
  box.replaceChildren(
    el('legend', {}, `พี่น้อง (ผู้ปกครองเบอร์เดียวกัน) ${child.siblings.length} คน`),
    ...child.siblings.map((s) =>
      el(
        'div',
        { class: 'sibling' },
        SEEN_FROM.has(s.status as Status)
          ? el('input', { type: 'checkbox', id: `sib-${s.id}`, value: s.id, 'data-sibling': '' })
          : null,
        el(
          'label',
          { for: `sib-${s.id}` },
          el('a', { href: `?child=${encodeURIComponent(s.id)}` }, s.name),
          ` · ${s.statusLabel}`,
        ),
      ),
    ),
    el('p', { class: 'muted' }, 'เลือกคนที่อยู่ด้วยตอนเยี่ยม: เมื่อบันทึก "พบตัว" จะบันทึกว่าพบ ณ ตำแหน่งเดียวกันให้ด้วย (คนละรายการ)'),
  );
}

/** The siblings ticked as present, recorded found at the same place, each with its own idempotency key. */
async function recordSiblings(key: string, location: unknown): Promise<string[]> {
  const ticked = [...document.querySelectorAll<HTMLInputElement>('input[data-sibling]:checked')].map((i) => i.value);
  const done: string[] = [];
  for (const [i, id] of ticked.entries()) {
    const body = { idempotencyKey: `${key}-s${i}`, outcome: { status: 'found' }, ...(location ? { location } : {}) };
    await api(`/children/${encodeURIComponent(id)}/checkins`, { method: 'POST', body });
    done.push(id);
  }
  return done;
}

function wire(): void {
  currentLocation = locationPicker();
  $('#status').addEventListener('change', (e) => renderDetails((e.target as HTMLSelectElement).value as Status));
  $('#form').addEventListener('submit', (e) => void submit(e));
}

async function submit(e: Event): Promise<void> {
  e.preventDefault();
  const button = $('#submit') as HTMLButtonElement;
  if (button.disabled) return;
  const status = value('status') as Status;
  const outcome = OutcomeSchema.safeParse({
    status,
    note: value('note'),
    destination: value('destination'),
    institution: value('institution'),
    partnerId: value('partner'),
    cause: value('cause'),
    reason: value('reason'),
    toArea: value('toArea'),
    toSchool: value('toSchool'),
  });
  if (!outcome.success) return showMessage($('#result'), 'error', outcome.error.issues[0]?.message ?? 'ข้อมูลไม่ครบ');
  button.disabled = true;
  button.textContent = 'กำลังบันทึก…';
  const path = `/children/${encodeURIComponent(childId)}/checkins`;
  const body = { idempotencyKey, outcome: outcome.data, ...(currentLocation() ? { location: currentLocation() } : {}) };
  try {
    const { data } = await api<{ child: ChildView; duplicate: boolean }>(path, { method: 'POST', body });
    const siblings = status === 'found' ? await recordSiblings(idempotencyKey, body.location) : [];
    idempotencyKey = crypto.randomUUID();
    saved(data.child, siblings.length);
  } catch (err) {
    if (err instanceof ApiError && err.status === 0) {
      // No signal: the form and the location wait on this device and go out when the network returns.
      keep({ path, body, savedAt: new Date().toISOString() });
      idempotencyKey = crypto.randomUUID();
      ($('#note') as HTMLTextAreaElement).value = '';
      showWaiting();
      return;
    }
    // A refused transition will not succeed on retry with the same key; anything else may.
    if (err instanceof ApiError && err.status >= 400 && err.status < 500) idempotencyKey = crypto.randomUUID();
    showMessage($('#result'), 'error', err instanceof Error ? err.message : 'บันทึกไม่สำเร็จ');
  } finally {
    button.disabled = false;
    button.textContent = 'บันทึก';
  }
}

function saved(child: ChildView, siblings = 0): void {
  renderChild(child);
  void mountPlan(child.id, child.status).catch(() => undefined); // a child just found gets its plan form
  ($('#note') as HTMLTextAreaElement).value = '';
  const withSiblings = siblings ? ` และพี่น้องอีก ${siblings} คน` : '';
  // A case nobody may move on from here (a transfer waiting for the other area) has no form: say it above.
  const where = child.allowedNext.length ? '#result' : '#notice';
  showMessage($(where), 'ok', `บันทึกแล้ว: ${child.statusLabel}${withSiblings}`);
}

function showWaiting(): void {
  const n = waiting().length;
  $('#outbox').textContent = n ? `รอส่ง ${n} รายการ: ไม่มีสัญญาณ บันทึกไว้ในเครื่องแล้ว จะส่งเองเมื่อมีสัญญาณ` : '';
}

async function main(): Promise<void> {
  wire();
  showWaiting();
  flushWhenOnline<{ child: ChildView }>((p, result) => {
    showWaiting();
    if (result.data && p.path.includes(encodeURIComponent(childId))) saved(result.data.child);
    else if (result.error) showMessage($('#result'), 'error', `รายการที่รอส่งถูกปฏิเสธ: ${result.error}`);
  });
  try {
    const { data } = await api<ChildView>(`/children/${encodeURIComponent(childId)}`);
    renderChild(data);
    await mountPlan(childId, data.status);
  } catch (err) {
    $('#child').replaceChildren(
      el('p', { class: 'error', role: 'alert' }, err instanceof Error ? err.message : 'โหลดข้อมูลไม่สำเร็จ'),
    );
  }
}

void main();
