import { z } from 'zod';
import { digits, headerReader, required, text } from './obecList';
import { toArabicDigits } from './thaiText';

/** OBEC's school directory: canonical columns and the Thai headers ESAs use. */
export const SCHOOL_COLUMNS = {
  school_code: ['รหัสโรงเรียน'],
  school_name: ['ชื่อโรงเรียน', 'โรงเรียน'],
  area_code: ['รหัสเขตพื้นที่', 'รหัส สพท.', 'รหัสสพท'],
  province: ['จังหวัด'],
  district: ['อำเภอ'],
  subdistrict: ['ตำบล'],
  latitude: ['ละติจูด', 'lat'],
  longitude: ['ลองจิจูด', 'lng', 'lon'],
} as const;
export const schoolColumnOf = headerReader(SCHOOL_COLUMNS);

/** Thailand, with a margin: a coordinate outside is a typing error, not a school. */
export const THAILAND = { minLat: 5.5, maxLat: 20.6, minLng: 97.3, maxLng: 105.7 } as const;
const inThailand = (lat: number, lng: number) =>
  lat >= THAILAND.minLat && lat <= THAILAND.maxLat && lng >= THAILAND.minLng && lng <= THAILAND.maxLng;

const coordinate = z.preprocess((v) => {
  const s = v === null || v === undefined ? '' : toArabicDigits(String(v)).trim();
  return s === '' ? undefined : Number(s);
}, z.number({ error: 'พิกัดต้องเป็นตัวเลข' }).finite().optional());

export const SchoolRowSchema = z
  .object({
    // OBEC writes school codes with 8 or 10 digits; they are kept as written, as the children's lists carry them.
    school_code: z.preprocess(digits, z.string().regex(/^(\d{8}|\d{10})$/, 'รหัสโรงเรียนต้องเป็นตัวเลข 8 หรือ 10 หลัก')),
    school_name: required(200, 'ไม่มีชื่อโรงเรียน'),
    area_code: z.preprocess(digits, z.string().regex(/^\d{2,8}$/, 'รหัสเขตพื้นที่ไม่ถูกต้อง')),
    province: text(100),
    district: text(100),
    subdistrict: text(100),
    latitude: coordinate,
    longitude: coordinate,
  })
  .superRefine((r, ctx) => {
    if ((r.latitude === undefined) !== (r.longitude === undefined))
      return void ctx.addIssue({ code: 'custom', message: 'ต้องมีทั้งละติจูดและลองจิจูด หรือไม่มีทั้งคู่' });
    if (r.latitude === undefined || r.longitude === undefined || inThailand(r.latitude, r.longitude)) return;
    ctx.addIssue({
      code: 'custom',
      message: inThailand(r.longitude, r.latitude) ? 'ละติจูดและลองจิจูดสลับกัน' : 'พิกัดอยู่นอกประเทศไทย',
    });
  });
export type SchoolRow = z.infer<typeof SchoolRowSchema>;
