/**
 * The rich menus as data and where their areas sit: what the line:setup story builds and what an
 * image renderer (an adapter) draws.
 */
import type { messagingApi } from '@line/bot-sdk';

/** Who sees which menu: followers who have not registered, field workers, coordinators, partner agencies. */
export type Audience = 'guest' | 'field' | 'coordinator' | 'agency' | 'local';

export type Icon =
  | 'search'
  | 'list'
  | 'pin'
  | 'megaphone'
  | 'help'
  | 'chart'
  | 'people'
  | 'inbox'
  | 'upload'
  | 'handshake'
  | 'heart'
  | 'key';
export interface MenuButton {
  label: string;
  icon: Icon;
  action: messagingApi.Action;
}
/** One rich menu: an alias, its buttons (3 = a half-height menu, 6 = full) and, for tabbed audiences, its tabs. */
export interface MenuSpec {
  alias: string;
  audience: Audience;
  chatBarText: string;
  buttons: MenuButton[];
  tabs?: Array<{ label: string; alias: string }>;
}

export const MENU_WIDTH = 2500;
export const TAB_HEIGHT = 200;
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where each tab and button sits: 3 buttons in a row (2500×843), 6 in two rows (2500×1686) under the tabs. */
export function layout(spec: MenuSpec): { height: number; tabs: Box[]; buttons: Box[] } {
  const height = spec.buttons.length <= 3 ? 843 : 1686;
  const top = spec.tabs ? TAB_HEIGHT : 0;
  const rows = spec.buttons.length <= 3 ? 1 : 2;
  const cols = Math.ceil(spec.buttons.length / rows);
  const w = Math.floor(MENU_WIDTH / cols);
  const h = Math.floor((height - top) / rows);
  const tabW = spec.tabs ? Math.floor(MENU_WIDTH / spec.tabs.length) : 0;
  return {
    height,
    tabs: (spec.tabs ?? []).map((_, i) => ({
      x: i * tabW,
      y: 0,
      width: i === spec.tabs!.length - 1 ? MENU_WIDTH - i * tabW : tabW,
      height: TAB_HEIGHT,
    })),
    buttons: spec.buttons.map((_, i) => {
      const col = i % cols;
      const row = Math.floor(i / cols);
      return {
        x: col * w,
        y: top + row * h,
        width: col === cols - 1 ? MENU_WIDTH - col * w : w,
        height: row === rows - 1 ? height - top - row * h : h,
      };
    }),
  };
}
