import express, { type Express, type Request, type Response } from 'express';
import { createHmac, randomUUID } from 'node:crypto';
import { ALIAS_ID, imageSize, richMenuViolations } from './lineLimits';

interface StoredMenu {
  menu: Record<string, unknown> & { size: { width: number; height: number } };
  image?: { type: string; bytes: Buffer };
}

/**
 * LINE's webhook-settings and rich-menu endpoints for FakeLine, with LINE's rules: the menu object's
 * limits, an image of the menu's exact size (PNG or JPEG, ≤ 1 MB) uploaded once, aliases that
 * point at existing menus and keep them from deletion, default and per-user menus only with an
 * image. Webhook test really POSTs an empty, signed event list to the endpoint.
 */
export class FakeRichMenus {
  readonly menus = new Map<string, StoredMenu>();
  readonly aliases = new Map<string, string>();
  readonly userMenus = new Map<string, string>();
  defaultMenu: string | undefined;
  webhookEndpoint: string | undefined;
  /** The channel secret the webhook test signs with (the local stack's). */
  channelSecret: string | undefined;

  constructor(
    app: Express,
    private readonly record: (req: Request, status: number) => void,
  ) {
    const ok = (req: Request, res: Response, body: unknown = {}) => {
      this.record(req, 200);
      res.json(body);
    };
    const fail = (req: Request, res: Response, status: number, message: string, details: string[] = []) => {
      this.record(req, status);
      res.status(status).json({ message, details: details.map((d) => ({ message: d })) });
    };
    const menuOf = (req: Request, res: Response): StoredMenu | undefined => {
      const m = this.menus.get(String(req.params.id));
      if (!m) fail(req, res, 404, 'Not found');
      return m;
    };

    app.put('/v2/bot/channel/webhook/endpoint', (req, res) => {
      const endpoint = String((req.body as { endpoint?: unknown }).endpoint ?? '');
      if (!/^https?:\/\//.test(endpoint) || endpoint.length > 500)
        return fail(req, res, 400, 'Invalid webhook endpoint URL');
      this.webhookEndpoint = endpoint;
      ok(req, res);
    });
    app.get('/v2/bot/channel/webhook/endpoint', (req, res) =>
      ok(req, res, { endpoint: this.webhookEndpoint ?? '', active: !!this.webhookEndpoint }),
    );
    app.post('/v2/bot/channel/webhook/test', async (req, res) => {
      const endpoint = String((req.body as { endpoint?: unknown }).endpoint ?? this.webhookEndpoint ?? '');
      const body = JSON.stringify({ destination: 'Ufake-bot', events: [] });
      const signature = createHmac('sha256', this.channelSecret ?? '')
        .update(body)
        .digest('base64');
      const started = new Date().toISOString();
      try {
        const r = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-line-signature': signature },
          body,
        });
        ok(req, res, {
          success: r.ok,
          timestamp: started,
          statusCode: r.status,
          reason: r.ok ? 'OK' : 'ERROR_STATUS_CODE',
          detail: `${r.status}`,
        });
      } catch (err) {
        ok(req, res, {
          success: false,
          timestamp: started,
          statusCode: 0,
          reason: 'COULD_NOT_CONNECT',
          detail: String(err),
        });
      }
    });

    app.post('/v2/bot/richmenu', (req, res) => {
      const problems = richMenuViolations(req.body);
      if (problems.length) return fail(req, res, 400, 'A message (rich menu) in the request body is invalid', problems);
      const id = `richmenu-${randomUUID().replace(/-/g, '')}`;
      this.menus.set(id, { menu: req.body as StoredMenu['menu'] });
      ok(req, res, { richMenuId: id });
    });
    app.get('/v2/bot/richmenu/list', (req, res) =>
      ok(req, res, { richmenus: [...this.menus].map(([richMenuId, m]) => ({ richMenuId, ...m.menu })) }),
    );
    app.post('/v2/bot/richmenu/:id/content', express.raw({ type: () => true, limit: '5mb' }), (req, res) => {
      const m = menuOf(req, res);
      if (!m) return;
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const size = imageSize(bytes);
      const type = String(req.headers['content-type'] ?? '');
      if (m.image) return fail(req, res, 400, 'An image has already been uploaded to the richmenu');
      if (!size || !['image/png', 'image/jpeg'].includes(type) || type !== `image/${size.type}`)
        return fail(req, res, 400, 'The image must be a PNG or JPEG named by its content type');
      if (bytes.length > 1024 * 1024) return fail(req, res, 400, 'The image must be at most 1 MB');
      if (size.width !== m.menu.size.width || size.height !== m.menu.size.height)
        return fail(req, res, 400, `The image must be ${m.menu.size.width}×${m.menu.size.height}`);
      m.image = { type, bytes };
      ok(req, res);
    });
    app.get('/v2/bot/richmenu/:id/content', (req, res) => {
      const m = menuOf(req, res);
      if (!m) return;
      if (!m.image) return fail(req, res, 404, 'Not found');
      this.record(req, 200);
      res.type(m.image.type).send(m.image.bytes);
    });
    app.get('/v2/bot/richmenu/:id', (req, res) => {
      const m = menuOf(req, res);
      if (m) ok(req, res, { richMenuId: req.params.id, ...m.menu });
    });
    app.delete('/v2/bot/richmenu/:id', (req, res) => {
      if (!menuOf(req, res)) return;
      const id = String(req.params.id);
      if ([...this.aliases.values()].includes(id))
        return fail(req, res, 400, 'The rich menu is referenced by a rich menu alias');
      this.menus.delete(id);
      if (this.defaultMenu === id) this.defaultMenu = undefined;
      for (const [user, menu] of this.userMenus) if (menu === id) this.userMenus.delete(user);
      ok(req, res);
    });

    const withImage = (req: Request, res: Response, id: string): boolean => {
      if (!this.menus.get(id)?.image)
        return (fail(req, res, 400, 'The rich menu does not exist or has no image'), false);
      return true;
    };
    app.post('/v2/bot/user/all/richmenu/:id', (req, res) => {
      if (!withImage(req, res, String(req.params.id))) return;
      this.defaultMenu = String(req.params.id);
      ok(req, res);
    });
    app.get('/v2/bot/user/all/richmenu', (req, res) =>
      this.defaultMenu ? ok(req, res, { richMenuId: this.defaultMenu }) : fail(req, res, 404, 'no default rich menu'),
    );
    app.post('/v2/bot/richmenu/bulk/link', (req, res) => {
      const { richMenuId, userIds } = req.body as { richMenuId?: string; userIds?: string[] };
      if (!Array.isArray(userIds) || userIds.length === 0 || userIds.length > 500)
        return fail(req, res, 400, 'userIds: 1–500');
      if (!withImage(req, res, String(richMenuId))) return;
      for (const u of userIds) this.userMenus.set(u, richMenuId!);
      this.record(req, 202);
      res.status(202).json({});
    });
    app.post('/v2/bot/user/:userId/richmenu/:id', (req, res) => {
      if (!withImage(req, res, String(req.params.id))) return;
      this.userMenus.set(String(req.params.userId), String(req.params.id));
      ok(req, res);
    });
    app.get('/v2/bot/user/:userId/richmenu', (req, res) => {
      const id = this.userMenus.get(String(req.params.userId));
      return id ? ok(req, res, { richMenuId: id }) : fail(req, res, 404, 'the user has no rich menu');
    });

    app.get('/v2/bot/richmenu/alias/list', (req, res) =>
      ok(req, res, {
        aliases: [...this.aliases].map(([richMenuAliasId, richMenuId]) => ({ richMenuAliasId, richMenuId })),
      }),
    );
    app.post('/v2/bot/richmenu/alias', (req, res) => {
      const { richMenuAliasId, richMenuId } = req.body as { richMenuAliasId?: string; richMenuId?: string };
      if (!ALIAS_ID.test(String(richMenuAliasId ?? '')))
        return fail(req, res, 400, 'richMenuAliasId: 1–32 of A-Z a-z 0-9 _ -');
      if (this.aliases.has(richMenuAliasId!)) return fail(req, res, 400, 'conflict richmenu alias id');
      if (!withImage(req, res, String(richMenuId))) return;
      this.aliases.set(richMenuAliasId!, richMenuId!);
      ok(req, res);
    });
    app.get('/v2/bot/richmenu/alias/:aliasId', (req, res) => {
      const id = this.aliases.get(String(req.params.aliasId));
      return id
        ? ok(req, res, { richMenuAliasId: req.params.aliasId, richMenuId: id })
        : fail(req, res, 404, 'richmenu alias not found');
    });
    app.post('/v2/bot/richmenu/alias/:aliasId', (req, res) => {
      const aliasId = String(req.params.aliasId);
      if (!this.aliases.has(aliasId)) return fail(req, res, 404, 'richmenu alias not found');
      const { richMenuId } = req.body as { richMenuId?: string };
      if (!withImage(req, res, String(richMenuId))) return;
      this.aliases.set(aliasId, richMenuId!);
      ok(req, res);
    });
    app.delete('/v2/bot/richmenu/alias/:aliasId', (req, res) => {
      if (!this.aliases.delete(String(req.params.aliasId))) return fail(req, res, 404, 'richmenu alias not found');
      ok(req, res);
    });
  }

  /** The menu a user sees: their own, else the default. */
  menuFor(userId: string): string | undefined {
    return this.userMenus.get(userId) ?? this.defaultMenu;
  }
}
