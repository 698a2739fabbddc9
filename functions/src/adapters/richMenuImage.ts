import { createRequire } from 'node:module';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { layout, MENU_WIDTH, type Box, type Icon, type MenuSpec } from '../ports/richMenu';

/** Bump when the drawing changes: it is part of each menu's hash, so line:setup replaces the images. */
export const RENDERER_VERSION = 'r1';
const FONT = 'Sarabun';
const GREEN = '#06C755';
const INK = '#1E2A33';
const MAX_BYTES = 1024 * 1024;

let fontLoaded = false;
async function canvasModule() {
  const canvas = await import('@napi-rs/canvas'); // CLI and local stack only: never in the deployed bundle
  if (!fontLoaded) {
    const require = createRequire(__filename);
    for (const weight of ['400', '700'])
      canvas.GlobalFonts.registerFromPath(
        require.resolve(`@fontsource/sarabun/files/sarabun-thai-${weight}-normal.woff2`),
        FONT,
      );
    canvas.GlobalFonts.registerFromPath(
      require.resolve('@fontsource/sarabun/files/sarabun-latin-700-normal.woff2'),
      FONT,
    );
    fontLoaded = true;
  }
  return canvas;
}

/**
 * Draws a menu at LINE's size: a tab strip (the active tab highlighted) and a grid of cards, each
 * with a line icon and its Thai label in Sarabun. PNG, or JPEG if a PNG would pass LINE's 1 MB.
 */
export async function renderMenuImage(
  spec: MenuSpec,
  activeTab = spec.alias,
): Promise<{ bytes: Buffer; type: 'image/png' | 'image/jpeg'; width: number; height: number }> {
  const { createCanvas } = await canvasModule();
  const l = layout(spec);
  const canvas = createCanvas(MENU_WIDTH, l.height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#F4F7F5';
  g.fillRect(0, 0, MENU_WIDTH, l.height);
  (spec.tabs ?? []).forEach((t, i) => {
    const b = l.tabs[i]!;
    const active = t.alias === activeTab;
    g.fillStyle = active ? GREEN : '#DDE5E0';
    g.fillRect(b.x, b.y, b.width, b.height);
    text(g, t.label, b, 84, active ? '#FFFFFF' : INK, 0.5);
  });
  spec.buttons.forEach((button, i) => {
    const b = inset(l.buttons[i]!, 18);
    g.fillStyle = '#FFFFFF';
    roundRect(g, b, 36);
    g.fill();
    const size = Math.min(b.height * 0.42, 300);
    drawIcon(g, button.icon, b.x + b.width / 2, b.y + b.height * 0.38, size);
    text(g, button.label, b, Math.min(100, b.height * 0.15), INK, 0.8);
  });
  const png = await canvas.encode('png');
  if (png.length <= MAX_BYTES) return { bytes: png, type: 'image/png', width: MENU_WIDTH, height: l.height };
  return { bytes: await canvas.encode('jpeg', 85), type: 'image/jpeg', width: MENU_WIDTH, height: l.height };
}

const inset = (b: Box, d: number): Box => ({
  x: b.x + d,
  y: b.y + d,
  width: b.width - 2 * d,
  height: b.height - 2 * d,
});

function text(g: SKRSContext2D, s: string, b: Box, px: number, color: string, at: number): void {
  g.fillStyle = color;
  g.font = `bold ${Math.round(px)}px ${FONT}`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(s, b.x + b.width / 2, b.y + b.height * at, b.width - 40);
}

function roundRect(g: SKRSContext2D, b: Box, r: number): void {
  g.beginPath();
  g.roundRect(b.x, b.y, b.width, b.height, r);
}

/** Simple line icons drawn as paths (no icon font to ship): green strokes on a light disc. */
function drawIcon(g: SKRSContext2D, icon: Icon, cx: number, cy: number, size: number): void {
  const u = size / 10;
  g.save();
  g.fillStyle = '#E6F8EE';
  g.beginPath();
  g.arc(cx, cy, size / 2, 0, Math.PI * 2);
  g.fill();
  g.translate(cx - 5 * u, cy - 5 * u);
  g.strokeStyle = GREEN;
  g.fillStyle = GREEN;
  g.lineWidth = u * 0.7;
  g.lineCap = 'round';
  g.lineJoin = 'round';
  const line = (...pts: number[]) => {
    g.beginPath();
    g.moveTo(pts[0]! * u, pts[1]! * u);
    for (let i = 2; i < pts.length; i += 2) g.lineTo(pts[i]! * u, pts[i + 1]! * u);
    g.stroke();
  };
  const circle = (x: number, y: number, r: number, fill = false) => {
    g.beginPath();
    g.arc(x * u, y * u, r * u, 0, Math.PI * 2);
    if (fill) g.fill();
    else g.stroke();
  };
  switch (icon) {
    case 'search':
      circle(4.3, 4.3, 2.2);
      line(5.9, 5.9, 7.8, 7.8);
      break;
    case 'list':
      for (const y of [3, 5, 7]) {
        circle(3, y, 0.35, true);
        line(4.2, y, 7.5, y);
      }
      break;
    case 'pin':
      g.beginPath();
      g.moveTo(5 * u, 8.3 * u);
      g.bezierCurveTo(2 * u, 5 * u, 2.6 * u, 1.8 * u, 5 * u, 1.8 * u);
      g.bezierCurveTo(7.4 * u, 1.8 * u, 8 * u, 5 * u, 5 * u, 8.3 * u);
      g.stroke();
      circle(5, 4.2, 1);
      break;
    case 'megaphone':
      line(2.5, 4.2, 2.5, 5.8, 4, 5.8, 7.5, 7.5, 7.5, 2.5, 4, 4.2, 2.5, 4.2);
      line(4, 5.8, 4.6, 7.8);
      break;
    case 'help':
      circle(5, 5, 3);
      line(4, 4.1, 4.3, 3.5, 5, 3.3, 5.7, 3.6, 5.9, 4.2, 5, 5, 5, 5.6);
      circle(5, 6.7, 0.3, true);
      break;
    case 'chart':
      line(2.5, 7.5, 7.5, 7.5);
      for (const [x, h] of [
        [3.5, 2],
        [5, 3.5],
        [6.5, 5],
      ] as const)
        line(x, 7, x, 7 - h);
      break;
    case 'people':
      circle(3.8, 3.8, 1.2);
      circle(6.4, 4.2, 1);
      line(1.9, 7.6, 2.3, 6.2, 3.8, 5.6, 5.3, 6.2, 5.7, 7.6);
      line(5.8, 6, 6.4, 5.7, 7.7, 6.3, 8.1, 7.4);
      break;
    case 'inbox':
      line(
        2.2,
        5.2,
        3.3,
        2.6,
        6.7,
        2.6,
        7.8,
        5.2,
        7.8,
        7.5,
        2.2,
        7.5,
        2.2,
        5.2,
        4,
        5.2,
        4.5,
        6.2,
        5.5,
        6.2,
        6,
        5.2,
        7.8,
        5.2,
      );
      break;
    case 'upload':
      line(5, 6.5, 5, 2.5);
      line(3.3, 4.2, 5, 2.5, 6.7, 4.2);
      line(2.5, 6.5, 2.5, 7.7, 7.5, 7.7, 7.5, 6.5);
      break;
    case 'handshake':
      line(1.8, 4.3, 3.4, 3.5, 5, 4.3, 6.6, 3.5, 8.2, 4.3);
      line(3.2, 5.2, 4.6, 6.6, 5.4, 6.6, 6.8, 5.2);
      line(4, 6, 5, 7.2, 6, 6);
      break;
    case 'heart':
      g.beginPath();
      g.moveTo(5 * u, 7.8 * u);
      g.bezierCurveTo(0.8 * u, 4.8 * u, 2.6 * u, 1.6 * u, 5 * u, 3.6 * u);
      g.bezierCurveTo(7.4 * u, 1.6 * u, 9.2 * u, 4.8 * u, 5 * u, 7.8 * u);
      g.stroke();
      break;
    case 'key':
      circle(3.6, 5, 1.5);
      line(5.1, 5, 8, 5, 8, 6.2);
      line(6.8, 5, 6.8, 6);
      break;
  }
  g.restore();
}
