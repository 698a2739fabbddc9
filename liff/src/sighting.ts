import { api } from './liffClient';
import { $, el, showMessage } from './dom';
import './style.css';

let here: { lat: number; lng: number; accuracy?: number } | undefined;
const key = crypto.randomUUID(); // one report per opened form, however many taps

$('#gps').addEventListener('click', () => {
  navigator.geolocation.getCurrentPosition(
    (p) => {
      here = { lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy };
      $('#locationText').textContent = `ตำแหน่ง ${here.lat.toFixed(5)}, ${here.lng.toFixed(5)} (±${Math.round(p.coords.accuracy)} ม.)`;
    },
    () => ($('#locationText').textContent = 'หาตำแหน่งไม่ได้ กรุณาเลือกเขตพื้นที่แทน'),
  );
});

$('#pin').addEventListener('click', () => $('#pinFields').classList.remove('hidden'));
for (const id of ['lat', 'lng']) {
  $(`#${id}`).addEventListener('input', () => {
    const lat = Number(value('lat')), lng = Number(value('lng'));
    if (value('lat') && value('lng') && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
      here = { lat, lng };
      $('#locationText').textContent = `ปักหมุด ${lat.toFixed(5)}, ${lng.toFixed(5)}`;
    }
  });
}

function value(id: string): string {
  return ($(`#${id}`) as HTMLInputElement).value.trim();
}

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
      ...(here ? { location: here } : {}),
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
