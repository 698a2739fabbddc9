import { $, fieldValue } from './dom';

export interface PickedLocation {
  lat: number;
  lng: number;
  accuracy?: number;
  source: 'gps' | 'pin';
}

/**
 * Wires a page's #gps and #pin buttons, #lat/#lng pin fields and #locationText line;
 * returns a getter for the location picked so far.
 */
export function locationPicker(): () => PickedLocation | undefined {
  let picked: PickedLocation | undefined;
  const show = (loc: PickedLocation) => {
    picked = loc;
    const acc = loc.accuracy !== undefined ? ` (คลาดเคลื่อน ±${Math.round(loc.accuracy)} ม.)` : '';
    $('#locationText').textContent = `${loc.source === 'gps' ? 'GPS' : 'ปักหมุด'}: ${loc.lat.toFixed(5)}, ${loc.lng.toFixed(5)}${acc}`;
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
      const lat = Number(fieldValue('lat')), lng = Number(fieldValue('lng'));
      if (fieldValue('lat') && fieldValue('lng') && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) show({ lat, lng, source: 'pin' });
    });
  }
  return () => picked;
}
