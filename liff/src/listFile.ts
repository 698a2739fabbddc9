import Papa from 'papaparse';

export type Row = Record<string, string | number | null>;

/** A list file (CSV or XLSX) as rows keyed by its own headers, parsed in the browser. */
export async function parseListFile(file: File): Promise<Row[]> {
  if (file.name.toLowerCase().endsWith('.xlsx')) {
    const { readSheet } = await import('read-excel-file/browser');
    const [header = [], ...data] = await readSheet(file);
    const names = header.map((h) => String(h ?? '').trim());
    return data.map((cells) =>
      Object.fromEntries(names.flatMap((h, i) => (h ? [[h, cells[i] == null ? null : String(cells[i])]] : []))),
    );
  }
  const text = (await file.text()).replace(/^\ufeff/, '');
  return Papa.parse<Row>(text, { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() }).data;
}
