/**
 * Chiang Mai's MOU network as the programme's documents name it (21 agencies), in the partner file's
 * columns, so the demo loads it through the same path as `npm run partners`. Contacts are fictitious.
 */
const esa = (n: number) => ({
  partner_id: `cm-esa${n}`,
  name: `สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเชียงใหม่ เขต ${n}`,
  kind: 'esa',
  causes: '',
  areas: `500${n}`,
});

export const CHIANG_MAI_PARTNERS: Array<Record<string, string>> = [
  { partner_id: 'cm-province', name: 'จังหวัดเชียงใหม่', kind: 'other', causes: '' },
  { partner_id: 'cm-peo', name: 'สำนักงานศึกษาธิการจังหวัดเชียงใหม่', kind: 'other', causes: 'poverty;family;other' },
  { partner_id: 'cm-pho', name: 'สำนักงานสาธารณสุขจังหวัดเชียงใหม่', kind: 'moph', causes: 'health;disability;pregnancy' },
  { partner_id: 'cm-cmu', name: 'มหาวิทยาลัยเชียงใหม่', kind: 'university', causes: 'health;family;other' },
  { partner_id: 'cm-culture', name: 'สำนักงานวัฒนธรรมจังหวัดเชียงใหม่', kind: 'other', causes: 'family;other' },
  { partner_id: 'cm-tourism', name: 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดเชียงใหม่', kind: 'other', causes: 'work;other' },
  { partner_id: 'cm-police', name: 'ตำรวจภูธรจังหวัดเชียงใหม่', kind: 'police', causes: 'legal;migration' },
  { partner_id: 'cm-isoc', name: 'กองอำนวยการรักษาความมั่นคงภายในจังหวัดเชียงใหม่', kind: 'other', causes: 'migration;legal' },
  {
    partner_id: 'cm-pdhs',
    name: 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดเชียงใหม่',
    kind: 'msdhs',
    causes: 'poverty;family;pregnancy;disability',
  },
  { partner_id: 'cm-buddhism', name: 'สำนักงานพระพุทธศาสนาจังหวัดเชียงใหม่', kind: 'other', causes: 'poverty;family' },
  {
    partner_id: 'cm-local',
    name: 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดเชียงใหม่',
    kind: 'local_admin',
    causes: 'poverty;work;migration',
  },
  { partner_id: 'cm-vec', name: 'อาชีวศึกษาจังหวัดเชียงใหม่', kind: 'vocational', causes: 'work;poverty' },
  { partner_id: 'cm-sesa', name: 'สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเชียงใหม่', kind: 'esa', causes: '' },
  ...[1, 2, 3, 4, 5, 6].map(esa),
  {
    partner_id: 'cm-special8',
    name: 'ศูนย์การศึกษาพิเศษ เขตการศึกษา 8 จังหวัดเชียงใหม่',
    kind: 'special_centre',
    causes: 'disability;health',
  },
  {
    partner_id: 'cm-nfe',
    name: 'สำนักงานส่งเสริมการเรียนรู้จังหวัดเชียงใหม่ (สกร.)',
    kind: 'non_formal',
    causes: 'work;poverty;pregnancy;migration;other',
  },
].map((p, i) => ({ province: 'เชียงใหม่', contact: `053-000-${String(100 + i).padStart(3, '0')}`, areas: '', ...p }));

export const CHIANG_MAI_AREA = { code: '5001', name: 'สพป.เชียงใหม่ เขต 1' } as const;
export const CHIANG_MAI_SCHOOLS = [
  { code: '50010001', name: 'โรงเรียนบ้านป่าตึง', area: '5001', lat: 18.8405, lng: 98.9535 },
  { code: '50010002', name: 'โรงเรียนวัดศรีสุพรรณ', area: '5001', lat: 18.7784, lng: 98.9852 },
] as const;
