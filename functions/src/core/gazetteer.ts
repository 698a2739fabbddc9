import { Gazetteer, type GazetteerEntry } from '@panong/shared';

let loaded: Promise<Gazetteer> | undefined;

/**
 * Thailand's subdistricts with their DOPA geocodes and postcodes, from the maintained package
 * thai-address-universal (Thailand Post's table with the registry's codes), loaded once per process (~100 ms).
 */
export function gazetteer(): Promise<Gazetteer> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<Gazetteer> {
  const lib = await import('thai-address-universal');
  await lib.setGeoMode(true);
  await lib.preload({ geo: true });
  // One row per subdistrict and postcode: merged by names (the geocode is not a key, see trusted()).
  const rows = new Map<string, GazetteerEntry & { claimed: string; districtCode: string; provinceCode: string }>();
  for (const r of lib.getDatabase()) {
    const key = `${r.sub_district}|${r.district}|${r.province}`;
    const seen = rows.get(key);
    if (seen) {
      if (!seen.postcodes.includes(r.postal_code)) seen.postcodes.push(r.postal_code);
      continue;
    }
    rows.set(key, {
      code: '',
      subdistrict: r.sub_district,
      district: r.district,
      province: r.province,
      postcodes: [r.postal_code],
      claimed: r.sub_district_code ?? '',
      districtCode: r.district_code ?? '',
      provinceCode: r.province_code ?? '',
    });
  }
  const claims = new Map<string, number>();
  for (const r of rows.values()) if (trusted(r)) claims.set(r.claimed, (claims.get(r.claimed) ?? 0) + 1);
  return new Gazetteer(
    [...rows.values()].map(({ claimed, districtCode, provinceCode, ...e }) => ({
      ...e,
      code:
        trusted({ claimed, districtCode }) && claims.get(claimed) === 1
          ? claimed
          : `${districtCode || `${provinceCode}-${e.district}`}-${e.subdistrict}`,
    })),
  );
}

/**
 * The package gives a subdistrict the geocode of another one of the same name in its province (ในเมือง of บ้านไผ่
 * gets เมืองขอนแก่น's 400101) for about 1 in 7 rows, and none in บึงกาฬ: a geocode is used only when it lies in the
 * row's own district and no other subdistrict claims it; otherwise the place is keyed by its district code and name.
 */
function trusted(r: { claimed: string; districtCode: string }): boolean {
  return /^\d{6}$/.test(r.claimed) && r.districtCode !== '' && r.claimed.startsWith(r.districtCode);
}
