import { placeOfRow } from '@panong/shared';
import { gazetteer } from '../../functions/src/core/gazetteer';
import { nationalListRows, nationalSchools } from '../../functions/src/dev/nationalList';
import { withRealAddresses } from '../../functions/src/dev/realAddresses';

describe('places of a realistic list (addresses typed in every form, over the real gazetteer)', () => {
  it('every row gets the place its columns or addresses name, and none where they do not tell it', async () => {
    const g = await gazetteer();
    const schools = nationalSchools();
    const { rows, expected, written } = withRealAddresses(nationalListRows(20_000, { schools, seed: 4 }), g, schools);
    const wrong: string[] = [];
    const forms = new Map<string, number>();
    for (const r of rows) {
      const id = r.national_id!;
      forms.set(written.get(id)!, (forms.get(written.get(id)!) ?? 0) + 1);
      const got = placeOfRow(g, {
        columns: { subdistrict: r.subdistrict, district: r.district, province: r.province },
        currentAddress: r.current_address,
        registeredAddress: r.registered_address,
      });
      if (got.place?.code !== expected.get(id)) wrong.push(`${r.current_address} → ${got.place?.code ?? got.warning}`);
      if (!got.place && !got.warning) wrong.push(`${r.current_address}: no place and no warning`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    // Every form is in the list, and some rows rightly get no place (a warning, the row still imported).
    for (const f of ['short', 'long', 'long_postcode', 'run_together', 'unmarked', 'columns', 'registered_only'])
      expect(forms.get(f)).toBeGreaterThan(200);
    expect(forms.get('ambiguous')).toBeGreaterThan(20);
    expect([...expected.values()].filter((c) => c === undefined).length).toBeGreaterThan(100);
  });
});
