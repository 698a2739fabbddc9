import { createHash } from 'node:crypto';
import type { LineSetupPort } from '../../ports/line';
import type { Store } from '../../ports/store';
import type { Audience, MenuSpec } from '../../ports/richMenu';
import { AUDIENCE_ROLES, MENU_ALIAS, menuSpecs, richMenuRequest } from './richMenus';

/** Menus this command owns are named `panong/<alias>/<hash>`; any other menu on the channel is left alone. */
const OWN = 'panong/';

export interface SetupReport {
  webhook: { endpoint: string; success: boolean; detail: string };
  created: string[];
  reused: string[];
  deleted: string[];
  aliases: Record<string, string>;
  relinked: number;
  images: Array<{ alias: string; type: string; bytes: number }>;
}

/** Registered users in these roles, from the store (who to move onto a replaced menu). */
export async function usersInRoles(store: Pick<Store, 'query'>, roles: readonly string[]): Promise<string[]> {
  return (await store.query<{ role: string }>('users', { where: [['role', 'in', [...roles]]] })).map((u) => u.id);
}

export interface SetupDeps {
  line: LineSetupPort;
  render: (spec: MenuSpec) => Promise<{ bytes: Buffer; type: string }>;
  /** Ids of registered users in these roles (to move them onto a replaced menu). */
  usersIn: (roles: readonly string[]) => Promise<string[]>;
  rendererVersion: string;
  log?: (line: string) => void;
}

/**
 * Puts an Official Account in working order from the API alone: the webhook endpoint (and LINE's
 * test of it), one rich menu per audience with images rendered here, aliases for tabs and for
 * per-user linking, the default menu for followers. Idempotent: a menu whose content (hash of its
 * object and drawing) already exists is reused; a changed one is created, its alias moved, its
 * users re-linked, and only then the predecessors this command made are deleted.
 */
export async function setupLine(deps: SetupDeps, opts: { baseUrl: string; liffId: string }): Promise<SetupReport> {
  const log = deps.log ?? (() => undefined);
  const endpoint = `${opts.baseUrl.replace(/\/+$/, '')}/webhook`;
  await deps.line.setWebhook(endpoint);
  const test = await deps.line.testWebhook(endpoint);
  const report: SetupReport = {
    webhook: {
      endpoint,
      success: !!test.success,
      detail: `${test.statusCode ?? ''} ${test.reason ?? ''} ${test.detail ?? ''}`.trim(),
    },
    created: [],
    reused: [],
    deleted: [],
    aliases: {},
    relinked: 0,
    images: [],
  };
  log(`webhook ${endpoint}: ${report.webhook.success ? 'ทดสอบผ่าน' : `ทดสอบไม่ผ่าน (${report.webhook.detail})`}`);

  const existing = await deps.line.listMenus();
  const ids = new Map<string, string>(); // alias → menu id
  const changed = new Set<Audience>();
  for (const spec of menuSpecs({ liffId: opts.liffId, origin: opts.baseUrl.replace(/\/+$/, '') })) {
    const hash = createHash('sha256').update(JSON.stringify(spec)).update(deps.rendererVersion).digest('hex');
    const name = `${OWN}${spec.alias}/${hash.slice(0, 12)}`;
    const same = existing.find((m) => m.name === name);
    if (same) {
      ids.set(spec.alias, same.richMenuId);
      report.reused.push(name);
      continue;
    }
    const image = await deps.render(spec);
    const id = await deps.line.createMenu(richMenuRequest(spec, name));
    try {
      await deps.line.uploadImage(id, image.bytes, image.type);
    } catch (err) {
      await deps.line.deleteMenu(id); // a menu without its image is useless: leave nothing behind
      throw err;
    }
    ids.set(spec.alias, id);
    changed.add(spec.audience);
    report.created.push(name);
    report.images.push({ alias: spec.alias, type: image.type, bytes: image.bytes.length });
    log(`สร้างเมนู ${name} (${image.type}, ${Math.round(image.bytes.length / 1024)} KB)`);
  }

  const aliases = new Map((await deps.line.listAliases()).map((a) => [a.richMenuAliasId, a.richMenuId]));
  for (const [alias, id] of ids) {
    if (aliases.get(alias) === id) continue;
    if (aliases.has(alias)) await deps.line.updateAlias(alias, id);
    else await deps.line.createAlias(alias, id);
  }
  report.aliases = Object.fromEntries(ids);
  await deps.line.setDefault(ids.get(MENU_ALIAS.guest)!);

  for (const audience of changed) {
    if (audience === 'guest') continue; // the default: nobody is linked to it
    const users = await deps.usersIn(AUDIENCE_ROLES[audience]);
    for (let i = 0; i < users.length; i += 500)
      await deps.line.linkUsers(ids.get(MENU_ALIAS[audience])!, users.slice(i, i + 500));
    report.relinked += users.length;
  }

  // Predecessors: our aliases that no spec uses any more first (an alias keeps its menu from deletion), then our old
  // menus.
  const current = new Set(ids.values());
  for (const [alias] of aliases) if (alias.startsWith('panong-') && !ids.has(alias)) await deps.line.deleteAlias(alias);
  for (const m of existing) {
    if (m.name.startsWith(OWN) && !current.has(m.richMenuId)) {
      await deps.line.deleteMenu(m.richMenuId);
      report.deleted.push(m.name);
    }
  }
  log(
    `เมนูใหม่ ${report.created.length} ใช้ของเดิม ${report.reused.length} ` +
      `ลบของเก่า ${report.deleted.length} ย้ายผู้ใช้ ${report.relinked} คน`,
  );
  return report;
}
