import { CAUSE_LABEL, CAUSES, MAX_PLAN_ACTIONS, type CasePlan, type CasePlanInput } from '@panong/shared';
import { api } from './liffClient';
import { $, el, showMessage } from './dom';

/** Statuses of a found child: the plan section opens for them. */
const PLANNED = new Set(['found', 'returned', 'referred']);

/**
 * The child's case plan on the check-in page: causes, the problem, actions (what, who, due, done) and, after the
 * return, the prevention plan. Saved whole with PUT; the server's Thai message is shown on a refusal.
 */
export async function mountPlan(childId: string, status: string): Promise<void> {
  const section = $('#plan');
  section.classList.toggle('hidden', !PLANNED.has(status));
  if (!PLANNED.has(status)) return;
  const path = `/children/${encodeURIComponent(childId)}/plan`;
  const { data } = await api<{ plan: CasePlan | null }>(path);
  const plan = data.plan;
  const causes = el(
    'fieldset',
    { id: 'planCauses' },
    el('legend', {}, 'สาเหตุ'),
    ...CAUSES.map((c) =>
      el(
        'label',
        { class: 'check' },
        checkbox(`cause-${c}`, plan?.causes.includes(c) ?? false, c),
        ` ${CAUSE_LABEL[c]}`,
      ),
    ),
  );
  const problem = el('textarea', { id: 'planProblem', maxlength: '2000', placeholder: 'ปัญหาของเด็กและครอบครัว' });
  problem.value = plan?.problem ?? '';
  const actions = el('ol', { id: 'planActions', class: 'history' });
  const addAction = (a?: CasePlanInput['actions'][number]) => actions.append(actionRow(a));
  for (const a of plan?.actions ?? []) addAction(a);
  const add = el('button', { type: 'button', class: 'secondary', id: 'planAdd' }, 'เพิ่มกิจกรรม');
  add.addEventListener('click', () => {
    if (actions.children.length < MAX_PLAN_ACTIONS) addAction();
  });
  const prevention = el('textarea', { id: 'planPrevention', maxlength: '2000', placeholder: 'หลังกลับเข้าเรียน' });
  prevention.value = plan?.prevention ?? '';
  const save = el('button', { type: 'button', id: 'planSave' }, 'บันทึกแผน');
  const result = el('div', { id: 'planResult' });
  save.addEventListener('click', () => {
    save.disabled = true;
    api<{ changed: boolean }>(path, { method: 'PUT', body: read(problem.value, prevention.value) })
      .then(({ data: r }) => showMessage(result, 'ok', r.changed ? 'บันทึกแผนแล้ว' : 'แผนไม่มีการเปลี่ยนแปลง'))
      .catch((err: unknown) => showMessage(result, 'error', err instanceof Error ? err.message : 'บันทึกไม่สำเร็จ'))
      .finally(() => {
        save.disabled = false;
      });
  });
  section.replaceChildren(
    el('h2', {}, 'แผนช่วยเหลือเด็กรายบุคคล'),
    causes,
    el('label', { for: 'planProblem' }, 'ปัญหา'),
    problem,
    el('h3', {}, 'กิจกรรม (ไม่เกิน 20)'),
    actions,
    add,
    el('label', { for: 'planPrevention' }, 'แผนป้องกันการหลุดซ้ำ'),
    prevention,
    save,
    result,
  );
}

function checkbox(id: string, checked: boolean, value: string): HTMLInputElement {
  const box = el('input', { type: 'checkbox', id, value });
  box.checked = checked;
  return box;
}

function actionRow(a?: CasePlanInput['actions'][number]): HTMLElement {
  const what = el('input', { class: 'what', placeholder: 'สิ่งที่จะทำ', maxlength: '300' });
  const who = el('input', { class: 'who', placeholder: 'ผู้รับผิดชอบ', maxlength: '100' });
  const due = el('input', { class: 'due', type: 'date' });
  what.value = a?.what ?? '';
  who.value = a?.who ?? '';
  due.value = a?.due ?? '';
  const done = checkbox('', a?.done ?? false, 'done');
  done.classList.add('done');
  const remove = el('button', { type: 'button', class: 'secondary' }, 'ลบ');
  const row = el('li', {}, what, who, due, el('label', { class: 'check' }, done, ' เสร็จแล้ว'), remove);
  remove.addEventListener('click', () => row.remove());
  return row;
}

/** The form as the API takes it (the server validates it; empty optional fields are left out). */
function read(problem: string, prevention: string): CasePlanInput {
  const value = (row: Element, cls: string) => (row.querySelector(`.${cls}`) as HTMLInputElement).value.trim();
  return {
    causes: CAUSES.filter((c) => (document.getElementById(`cause-${c}`) as HTMLInputElement).checked),
    problem,
    actions: [...$('#planActions').children].map((row) => ({
      what: value(row, 'what'),
      ...(value(row, 'who') ? { who: value(row, 'who') } : {}),
      due: value(row, 'due'),
      ...((row.querySelector('.done') as HTMLInputElement).checked ? { done: true } : {}),
    })),
    ...(prevention.trim() ? { prevention: prevention.trim() } : {}),
  };
}
