import { readAddress, placeOfRow } from '@panong/shared';
import { gazetteer } from '../../functions/src/core/gazetteer';

describe('places from addresses, against the gazetteer', () => {
  it('reads the forms teachers type: short, spelled out, with or without postcode, run together, unmarked', async () => {
    const g = await gazetteer();
    expect(g.size).toBeGreaterThan(7000);
    const takhu = { subdistrict: 'ตะคุ', district: 'ปักธงชัย', province: 'นครราชสีมา' };
    for (const address of [
      '12 ม.3 ต.ตะคุ อ.ปักธงชัย จ.นครราชสีมา',
      'ตำบลตะคุ อำเภอปักธงชัย จังหวัดนครราชสีมา 30150',
      '๑๒ หมู่ ๓ ตำบลตะคุอำเภอปักธงชัยจังหวัดนครราชสีมา ๓๐๑๕๐',
      '12 หมู่ 3 ตะคุ ปักธงชัย นครราชสีมา',
      '12 ม.3 ต. ตะคุ อ. ปักธงชัย',
    ]) {
      const r = g.resolve(readAddress(address).parts);
      expect(r.ok && r.place).toMatchObject({ ...takhu, code: expect.stringMatching(/^30\d{4}$/) });
    }
    expect(readAddress('12 ม.3 ต.ตะคุ อ.ปักธงชัย จ.นครราชสีมา').form).toBe('short');
    expect(readAddress('ตำบลตะคุ อำเภอปักธงชัย จังหวัดนครราชสีมา 30150').form).toBe('long');
    const bkk = g.resolve(readAddress('99 ซอยสุขุมวิท 21 แขวงคลองเตยเหนือ เขตวัฒนา กรุงเทพฯ 10110').parts);
    expect(bkk.ok && bkk.place).toMatchObject({ subdistrict: 'คลองเตยเหนือ', province: 'กรุงเทพมหานคร' });
    // A level word ending a name stays in it, marked or not.
    for (const a of ['5 หมู่ 2 สามตำบล จุฬาภรณ์ นครศรีธรรมราช', 'ต.สามตำบล อ.จุฬาภรณ์', 'ตำบลสามตำบลอำเภอจุฬาภรณ์'])
      expect(g.resolve(readAddress(a).parts)).toMatchObject({ ok: true, place: { subdistrict: 'สามตำบล' } });
    // อ.เมือง is the province's capital district.
    const muang = g.resolve(readAddress('5 ต.ในเมือง อ.เมือง จ.ขอนแก่น').parts);
    expect(muang.ok && muang.place).toMatchObject({ district: 'เมืองขอนแก่น', province: 'ขอนแก่น' });
  });

  it('a subdistrict name of several districts is resolved by its district and province, never guessed', async () => {
    const g = await gazetteer();
    const many = g.named('ในเมือง');
    expect(new Set(many.map((e) => e.district)).size).toBeGreaterThan(5);
    // The package gives all three ในเมือง of ขอนแก่น the geocode 400101: each keeps a code of its own.
    expect(new Set(many.map((e) => e.code)).size).toBe(many.length);
    expect(many.filter((e) => e.province === 'ขอนแก่น').map((e) => e.district)).toHaveLength(3);
    expect(g.resolve({ subdistrict: 'ในเมือง' })).toMatchObject({ ok: false, problem: 'ambiguous' });
    for (const e of many) {
      const r = g.resolve({ subdistrict: 'ในเมือง', district: e.district, province: e.province });
      expect(r.ok && r.place.code).toBe(e.code);
    }
    expect(g.resolve({ subdistrict: 'ตะคุ', district: 'เมืองนครราชสีมา' })).toMatchObject({ problem: 'unknown' });
  });

  it('a row: the columns win, else the current address, else the registered one; unknown is a warning', async () => {
    const g = await gazetteer();
    const current = '1 ม.2 ต.ตะคุ อ.ปักธงชัย จ.นครราชสีมา';
    const registered = '8 ม.1 ต.ในเมือง อ.เมือง จ.ขอนแก่น';
    const cols = placeOfRow(g, {
      columns: { subdistrict: 'สุเทพ', district: 'เมืองเชียงใหม่', province: 'เชียงใหม่' },
      currentAddress: current,
      registeredAddress: registered,
    });
    expect(cols).toMatchObject({ source: 'columns', place: { subdistrict: 'สุเทพ' } });
    expect(placeOfRow(g, { columns: {}, currentAddress: current, registeredAddress: registered })).toMatchObject({
      source: 'current_address',
      place: { subdistrict: 'ตะคุ' },
    });
    expect(placeOfRow(g, { columns: {}, currentAddress: '12 หมู่ 4', registeredAddress: registered })).toMatchObject({
      source: 'registered_address',
      place: { province: 'ขอนแก่น' },
    });
    const lost = placeOfRow(g, { columns: {}, currentAddress: '3 ม.1 ต.ไม่มีจริง อ.ปักธงชัย จ.นครราชสีมา' });
    expect(lost.place).toBeUndefined();
    expect(lost.warning).toContain('ไม่พบตำบล "ไม่มีจริง"');
  });
});
