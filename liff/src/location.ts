import { $, el, fieldValue } from './dom';

export interface PickedLocation {
  lat: number;
  lng: number;
  accuracy?: number;
  source: 'gps' | 'pin';
}

/**
 * Fills the page's #location box with GPS and pin controls and a line saying what was picked
 * (data-empty: the line before anything is); returns a getter for the location picked so far.
 */
export function locationPicker(): () => PickedLocation | undefined {
  const box = $('#location');
  box.replaceChildren(
    el('label', {}, 'ตำแหน่งที่พบ'),
    el(
      'div',
      { class: 'row' },
      el('button', { type: 'button', id: 'gps', class: 'secondary' }, '📍 ใช้ตำแหน่งปัจจุบัน'),
      el('button', { type: 'button', id: 'pin', class: 'secondary' }, 'ปักหมุดเอง'),
    ),
    el(
      'div',
      { id: 'pinFields', class: 'row hidden' },
      el('input', { id: 'lat', inputmode: 'decimal', placeholder: 'ละติจูด เช่น 13.7563', 'aria-label': 'ละติจูด' }),
      el('input', { id: 'lng', inputmode: 'decimal', placeholder: 'ลองจิจูด เช่น 100.5018', 'aria-label': 'ลองจิจูด' }),
    ),
    el('p', { id: 'locationText', class: 'muted' }, box.dataset.empty ?? 'ยังไม่มีตำแหน่ง'),
  );
  let picked: PickedLocation | undefined;
  const show = (loc: PickedLocation) => {
    picked = loc;
    const acc = loc.accuracy !== undefined ? ` (คลาดเคลื่อน ±${Math.round(loc.accuracy)} ม.)` : '';
    $('#locationText').textContent =
      `${loc.source === 'gps' ? 'GPS' : 'ปักหมุด'}: ${loc.lat.toFixed(5)}, ${loc.lng.toFixed(5)}${acc}`;
  };
  $('#gps').addEventListener('click', () => {
    $('#locationText').textContent = 'กำลังหาตำแหน่ง…';
    navigator.geolocation.getCurrentPosition(
      (p) => show({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy, source: 'gps' }),
      () => ($('#locationText').textContent = 'หาตำแหน่งไม่ได้ กรุณาอนุญาตการเข้าถึงตำแหน่ง หรือกด "ปักหมุดเอง"'),
      { enableHighAccuracy: true, timeout: 15000 },
    );
  });
  $('#pin').addEventListener('click', () => $('#pinFields').classList.remove('hidden'));
  for (const id of ['lat', 'lng']) {
    $(`#${id}`).addEventListener('input', () => {
      const lat = Number(fieldValue('lat')),
        lng = Number(fieldValue('lng'));
      if (fieldValue('lat') && fieldValue('lng') && Math.abs(lat) <= 90 && Math.abs(lng) <= 180)
        show({ lat, lng, source: 'pin' });
    });
  }
  return () => picked;
}
