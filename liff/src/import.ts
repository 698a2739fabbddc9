import { idToken } from './liffClient';
import { $, el, showMessage } from './dom';
import './style.css';

interface Report { rows: number; created: number; updated: number; unchanged: number; errors: Array<{ row: number; message: string }>; moreErrors: number }

$('#form').addEventListener('submit', (e) => {
  e.preventDefault();
  const file = ($('#file') as HTMLInputElement).files?.[0];
  if (!file) return showMessage($('#result'), 'error', 'กรุณาเลือกไฟล์');
  const ext = file.name.toLowerCase().endsWith('.xlsx') ? '.xlsx' : '.csv';
  const button = $('#submit') as HTMLButtonElement;
  button.disabled = true;
  showMessage($('#result'), 'ok', 'กำลังนำเข้า…');
  void (async () => {
    try {
      const res = await fetch(`/api/admin/import?ext=${ext}`, { method: 'POST', headers: { authorization: `Bearer ${await idToken()}`, 'content-type': 'application/octet-stream' }, body: file });
      const data = (await res.json()) as Report & { error?: string };
      if (!res.ok) throw new Error(data.error ?? 'นำเข้าไม่สำเร็จ');
      showMessage($('#result'), 'ok', `อ่าน ${data.rows} แถว: เพิ่มใหม่ ${data.created} ปรับปรุง ${data.updated} ไม่เปลี่ยนแปลง ${data.unchanged} ผิดพลาด ${data.errors.length + data.moreErrors}`);
      $('#errors').replaceChildren(...data.errors.map((x) => el('li', {}, `แถว ${x.row}: ${x.message}`)));
    } catch (err) {
      showMessage($('#result'), 'error', err instanceof Error ? err.message : 'นำเข้าไม่สำเร็จ');
    } finally {
      button.disabled = false;
    }
  })();
});
