import { api } from './liffClient';
import { $, el, fieldValue, showMessage } from './dom';
import { locationPicker } from './location';
import './style.css';

const here = locationPicker();
const key = crypto.randomUUID(); // one report per opened form, however many taps
const value = fieldValue;

$('#form').addEventListener('submit', (e) => {
  e.preventDefault();
  const button = $('#submit') as HTMLButtonElement;
  if (button.disabled) return;
  button.disabled = true;
  const age = Number(value('age'));
  api<{ ref: string }>('/community/sightings', {
    method: 'POST',
    body: {
      idempotencyKey: key,
      ...(here() ? { location: here() } : {}),
      ...(value('area') ? { areaCode: value('area') } : {}),
      place: value('place'),
      ...(age ? { approxAge: age } : {}),
      sex: value('sex'),
      description: value('description'),
      ...(value('childName') ? { childName: value('childName') } : {}),
      contactConsent: ($('#consent') as HTMLInputElement).checked,
    },
  })
    .then(({ data }) => {
      showMessage($('#result'), 'ok', `ได้รับเรื่องแล้ว เลขที่ ${data.ref} ขอบคุณที่ช่วยพาน้องกลับมาเรียน`);
      button.remove();
    })
    .catch((err: unknown) => {
      showMessage($('#result'), 'error', err instanceof Error ? err.message : 'ส่งไม่สำเร็จ');
      button.disabled = false;
    });
});

api<{ areas: Array<{ code: string; name: string }> }>('/community/areas')
  .then(({ data }) => $('#area').append(...data.areas.map((a) => el('option', { value: a.code }, a.name))))
  .catch(() => undefined);
