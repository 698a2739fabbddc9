import L from 'leaflet';
import Supercluster from 'supercluster';
import 'leaflet/dist/leaflet.css';
import type { MapPoint } from '@panong/shared';
import { appConfig } from './liffClient';

/** A pin as the API sends it, with the page it opens. */
export type Pin = MapPoint & { href?: string };

export const STATUS_COLOR: Record<string, string> = {
  area: '#1f7ae0',
  not_tracked: '#8a96a3',
  found: '#1f7ae0',
  returned: '#1e9e5a',
  referred: '#7b4bd1',
  not_found: '#d9822b',
  forwarded: '#b0578f',
  received: '#d9822b',
};

/**
 * A Leaflet map on raster tiles (MAP_TILE_URL, OpenStreetMap's by default) with status-coloured pins,
 * clustered with supercluster as the zoom changes; an aggregate point is sized by its count.
 */
const drawn = new WeakMap<HTMLElement, L.Map>();

export async function drawMap(box: HTMLElement, points: Pin[]): Promise<void> {
  const { mapTiles } = await appConfig();
  drawn.get(box)?.remove(); // drawing again (new data) replaces the map
  box.replaceChildren();
  box.classList.add('map');
  const map = L.map(box, { zoomControl: true, attributionControl: true });
  drawn.set(box, map);
  L.tileLayer(mapTiles?.url ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
    maxZoom: 19,
    attribution: mapTiles?.attribution ?? '© OpenStreetMap',
  }).addTo(map);
  if (points.length === 0) {
    map.setView([13.75, 100.5], 5); // Thailand
    return;
  }
  const index = new Supercluster<Pin, Record<string, unknown>>({
    radius: 50,
    maxZoom: 16,
    map: (p) => ({ weight: p.count ?? 1 }),
    reduce: (acc, p) => void ((acc.weight as number) += p.weight as number),
  });
  index.load(
    points.map((p) => ({ type: 'Feature', properties: p, geometry: { type: 'Point', coordinates: [p.lng, p.lat] } })),
  );
  const layer = L.layerGroup().addTo(map);
  const redraw = () => {
    layer.clearLayers();
    const b = map.getBounds();
    for (const f of index.getClusters(
      [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
      Math.round(map.getZoom()),
    )) {
      const [lng, lat] = f.geometry.coordinates as [number, number];
      const props = f.properties as Partial<Pin> & { cluster?: boolean; weight?: number; cluster_id?: number };
      if (props.cluster) {
        const n = props.weight ?? 0;
        L.circleMarker([lat, lng], {
          radius: Math.min(28, 10 + Math.sqrt(n) * 2),
          color: '#1f7ae0',
          fillOpacity: 0.55,
          className: 'pin cluster',
        })
          .bindTooltip(`${n.toLocaleString('th-TH')} หมุด`, {
            permanent: true,
            direction: 'center',
            className: 'cluster-count',
          })
          .on('click', () => map.setView([lat, lng], Math.min(16, index.getClusterExpansionZoom(props.cluster_id!))))
          .addTo(layer);
        continue;
      }
      const p = props as Pin;
      const marker = L.circleMarker([lat, lng], {
        radius: p.count ? Math.min(24, 6 + Math.sqrt(p.count)) : 7,
        color: STATUS_COLOR[p.status] ?? '#666',
        fillOpacity: 0.8,
        className: 'pin',
      });
      const popup = document.createElement('div');
      popup.textContent = p.name ? `${p.name}: ${(p.count ?? 1).toLocaleString('th-TH')} หมุด` : 'ตำแหน่งล่าสุด';
      if (p.href)
        popup.append(
          document.createElement('br'),
          Object.assign(document.createElement('a'), { href: p.href, textContent: 'เปิดข้อมูลเด็ก' }),
        );
      marker.bindPopup(popup).addTo(layer);
    }
  };
  map.on('moveend zoomend', redraw);
  map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lng] as [number, number])).pad(0.2), { maxZoom: 15 });
  redraw();
}
