import {
  addTally,
  IMPORT_CHUNK_ROWS as CHUNK_ROWS,
  placeSummary,
  type ChunkReport,
  type PlaceTally,
} from '@panong/shared';
import { api, ApiError } from './liffClient';
import { parseListFile as parse } from './listFile';
import { $, el, showMessage } from './dom';
import './style.css';

/**
 * The admin's list upload. The browser parses the file (CSV or XLSX) and sends it in chunks of 500
 * rows, so a national list (110,755 rows) never becomes one request; what landed is asked first, so
 * a dropped connection or a closed page resumes where it stopped (chunks are idempotent anyway).
 */
const SHOWN_ERRORS = 500;
/** `?survey=1`: a local administration's at-risk survey (group local_survey, a cause on every row). */
const SURVEY = new URLSearchParams(location.search).has('survey');
const BASE = SURVEY ? '/local/survey' : '/admin/import';
if (SURVEY) {
  document.title = 'ส่งผลสำรวจเด็กเสี่ยงหลุดจากระบบ — พาน้องกลับมาเรียน';
  $('h1').textContent = 'ส่งผลสำรวจเด็กเสี่ยงหลุดจากระบบ (อปท.)';
}

/** Same file, same id: what a dropped upload sent is recognised when it is picked again. */
async function importIdOf(file: File): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  return [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function withRetry<T>(fn: () => Promise<T>, onWait: (attempt: number) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const transient = err instanceof ApiError && (err.status === 0 || err.status >= 500);
      if (!transient || attempt >= 6) throw err;
      onWait(attempt);
      await new Promise((r) => setTimeout(r, Math.min(8000, 500 * 2 ** attempt)));
    }
  }
}

$('#form').addEventListener('submit', (e) => {
  e.preventDefault();
  const file = ($('#file') as HTMLInputElement).files?.[0];
  if (!file) return showMessage($('#result'), 'error', 'กรุณาเลือกไฟล์');
  const button = $('#submit') as HTMLButtonElement;
  const progress = $('#progress') as HTMLProgressElement;
  const counts = $('#counts');
  button.disabled = true;
  $('#errors').replaceChildren();
  $('#warnings').replaceChildren();
  showMessage($('#result'), 'ok', 'กำลังอ่านไฟล์…');
  void (async () => {
    try {
      const rows = await parse(file);
      if (rows.length === 0) throw new Error('ไม่พบข้อมูลในไฟล์');
      const importId = await importIdOf(file);
      const chunks = Math.ceil(rows.length / CHUNK_ROWS);
      const { data: landed } = await withRetry(
        () => api<{ done: number[] }>(`${BASE}/${importId}`),
        () => undefined,
      );
      const done = new Set(landed.done);
      const total = {
        created: 0,
        updated: 0,
        unchanged: 0,
        duplicates: 0,
        errors: [] as ChunkReport['errors'],
        warnings: [] as ChunkReport['errors'],
        places: {} as PlaceTally,
      };
      progress.classList.remove('hidden');
      progress.max = chunks;
      const show = () => {
        progress.value = done.size;
        counts.textContent =
          `อ่านแล้ว ${rows.length.toLocaleString('th-TH')} แถว · บันทึก ` +
          `${Math.min(rows.length, done.size * CHUNK_ROWS).toLocaleString('th-TH')} แถว (${done.size}/${chunks} ชุด)`;
      };
      show();
      if (done.size > 0) showMessage($('#result'), 'ok', `นำเข้าต่อจากครั้งก่อน (ส่งแล้ว ${done.size} จาก ${chunks} ชุด)`);
      for (let n = 0; n < chunks; n++) {
        if (done.has(n)) continue;
        const body = {
          importId,
          chunk: n,
          chunks,
          firstRow: 2 + n * CHUNK_ROWS,
          rows: rows.slice(n * CHUNK_ROWS, (n + 1) * CHUNK_ROWS),
        };
        const { data } = await withRetry(
          () => api<ChunkReport>(`${BASE}/chunks`, { method: 'POST', body }),
          (attempt) => showMessage($('#result'), 'error', `การเชื่อมต่อขัดข้อง กำลังลองส่งชุดที่ ${n + 1} ใหม่ (ครั้งที่ ${attempt})`),
        );
        total.created += data.created;
        total.updated += data.updated;
        total.unchanged += data.unchanged;
        total.duplicates += data.duplicates ?? 0;
        total.errors.push(...data.errors);
        total.warnings.push(...(data.warnings ?? []));
        addTally(total.places, data.places ?? {});
        done.add(n);
        show();
        showMessage($('#result'), 'ok', `กำลังนำเข้า… เพิ่มใหม่ ${total.created} ปรับปรุง ${total.updated}`);
      }
      showMessage(
        $('#result'),
        'ok',
        `นำเข้าเสร็จ: อ่าน ${rows.length} แถว เพิ่มใหม่ ${total.created} ปรับปรุง ` +
          `${total.updated} ไม่เปลี่ยนแปลง ${total.unchanged} ผิดพลาด ${total.errors.length}` +
          (total.duplicates ? ` · คู่ที่อาจเป็นเด็กคนเดียวกัน ${total.duplicates} คู่ (หน้า "รายการที่อาจซ้ำ")` : '') +
          ` · ${placeSummary(total.places)}`,
      );
      $('#errors').replaceChildren(
        ...total.errors.slice(0, SHOWN_ERRORS).map((x) => el('li', {}, `แถว ${x.row}: ${x.message}`)),
      );
      // Imported, but no local administration sees them until their place is known.
      $('#warnings').replaceChildren(
        ...total.warnings
          .slice(0, SHOWN_ERRORS)
          .map((x) => el('li', { class: 'warning' }, `แถว ${x.row} (นำเข้าแล้ว ไม่ทราบตำบล): ${x.message}`)),
      );
    } catch (err) {
      showMessage(
        $('#result'),
        'error',
        `${err instanceof Error ? err.message : 'นำเข้าไม่สำเร็จ'} กดนำเข้าอีกครั้งเพื่อทำต่อจากที่ค้างไว้`,
      );
    } finally {
      button.disabled = false;
    }
  })();
});
