import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messageLimitViolations } from './lineLimits';
import { FakeRichMenus } from './fakeRichMenus';

/**
 * A stand-in for LINE's platform (api.line.me) on loopback: the real SDK client talks HTTP to it.
 * It keeps what was sent, enforces single-use reply tokens and X-Line-Retry-Key (409 on a repeat),
 * serves quota figures, verifies fake LIFF ID tokens, and can be told to fail.
 *
 * Fake ID tokens are `fake:<userId>:<audience>:<expiry epoch seconds>`, so a test can forge
 * a wrong audience or an expired token as easily as a good one.
 */
export interface SentMessage {
  kind: 'reply' | 'push' | 'multicast';
  to: string[];
  messages: Array<Record<string, unknown>>;
  retryKey?: string;
  at: number;
}

export interface RecordedCall {
  method: string;
  path: string;
  status: number;
  retryKey?: string;
}

interface Fault {
  path: string;
  /** 0: answer normally after the delay (a slow but successful call). */
  status: number;
  times: number;
  delayMs?: number;
}

export class FakeLine {
  readonly sent: SentMessage[] = [];
  readonly calls: RecordedCall[] = [];
  /** Reply token → user it was issued to (the simulator and tests register them). */
  readonly replyTokenOwner = new Map<string, string>();
  private readonly usedReplyTokens = new Set<string>();
  private readonly seenRetryKeys = new Set<string>();
  private readonly faults: Fault[] = [];
  quota = { limit: 500_000 as number | undefined, used: 0 };
  /** Answer every Messaging API call after this many ms (LINE's real latency is 100–200 ms). */
  latencyMs = 0;
  /** Calls being answered right now, and the most at once: how parallel a sender really is. */
  inFlight = 0;
  maxInFlight = 0;
  private server: Server | undefined;
  readonly app = express();

  constructor(readonly accessToken = 'test-access-token') {
    this.app.use(express.json({ limit: '2mb' }));
    this.app.use(express.urlencoded({ extended: false }));
    this.app.use('/v2', async (_req, res, next) => {
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      res.once('finish', () => this.inFlight--);
      if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
      next();
    });
    this.app.use(async (req, res, next) => {
      const fault = this.faults.find((f) => req.path.startsWith(f.path) && f.times > 0);
      if (!fault) return next();
      fault.times--;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.status === 0) return next();
      this.record(req, fault.status);
      res.status(fault.status).json({ message: `injected ${fault.status}` });
    });
    this.app.post('/oauth2/v2.1/verify', (req, res) => this.verify(req, res));
    this.app.use('/v2', (req, res, next) => {
      if (req.headers.authorization !== `Bearer ${this.accessToken}`) {
        this.record(req, 401);
        return void res.status(401).json({ message: 'Authentication failed' });
      }
      next();
    });
    this.app.post('/v2/bot/message/reply', (req, res) => {
      const { replyToken, messages } = req.body as { replyToken: string; messages: SentMessage['messages'] };
      if (!replyToken || this.usedReplyTokens.has(replyToken)) {
        this.record(req, 400);
        return void res.status(400).json({ message: 'Invalid reply token' });
      }
      if (!this.validMessages(messages)) return void this.badRequest(req, res);
      this.usedReplyTokens.add(replyToken);
      this.deliver(req, res, 'reply', [this.replyTokenOwner.get(replyToken) ?? `(token ${replyToken})`], messages);
    });
    this.app.post('/v2/bot/message/push', (req, res) => {
      const { to, messages } = req.body as { to: string; messages: SentMessage['messages'] };
      if (!to || !this.validMessages(messages)) return void this.badRequest(req, res);
      this.deliver(req, res, 'push', [to], messages);
    });
    this.app.post('/v2/bot/message/multicast', (req, res) => {
      const { to, messages } = req.body as { to: string[]; messages: SentMessage['messages'] };
      if (!Array.isArray(to) || to.length === 0 || to.length > 500 || !this.validMessages(messages))
        return void this.badRequest(req, res);
      this.deliver(req, res, 'multicast', to, messages);
    });
    this.app.get('/v2/bot/message/quota', (req, res) => {
      this.record(req, 200);
      res.json(this.quota.limit === undefined ? { type: 'none' } : { type: 'limited', value: this.quota.limit });
    });
    this.app.get('/v2/bot/message/quota/consumption', (req, res) => {
      this.record(req, 200);
      res.json({ totalUsage: this.quota.used });
    });
    this.richMenus = new FakeRichMenus(this.app, (req, status) => this.record(req, status));
  }

  /** Webhook settings and rich menus (line:setup, per-user menus, the simulator's menu). */
  readonly richMenus: FakeRichMenus;

  /**
   * Makes the next `times` requests whose path starts with `path` answer `status` (after `delayMs`; status 0 = then
   * succeed).
   */
  fail(path: string, status: number, times = 1, delayMs?: number): void {
    this.faults.push({ path, status, times, delayMs });
  }

  /** Everything a user received, oldest first. */
  messagesTo(userId: string): SentMessage['messages'] {
    return this.sent.filter((s) => s.to.includes(userId)).flatMap((s) => s.messages);
  }

  textsTo(userId: string): string[] {
    return this.messagesTo(userId).map((m) =>
      m.type === 'text' ? String(m.text) : `[${m.type}] ${String(m.altText ?? '')}`,
    );
  }

  issueReplyToken(userId: string): string {
    const token = `rt-${userId}-${this.replyTokenOwner.size}-${Date.now()}`;
    this.replyTokenOwner.set(token, userId);
    return token;
  }

  static idToken(userId: string, audience: string, expiresAt: Date): string {
    return `fake:${userId}:${audience}:${Math.floor(expiresAt.getTime() / 1000)}`;
  }

  reset(): void {
    this.sent.length = 0;
    this.calls.length = 0;
    this.faults.length = 0;
    this.usedReplyTokens.clear();
    this.seenRetryKeys.clear();
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => {
      this.server = this.app.listen(0, '127.0.0.1', () => resolve());
    });
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private verify(req: express.Request, res: express.Response): void {
    const { id_token: token, client_id: clientId } = req.body as Record<string, string | undefined>;
    const [prefix, sub, aud, exp] = (token ?? '').split(':');
    this.record(req, 200);
    if (prefix !== 'fake' || !sub || !aud || !exp)
      return void res.status(400).json({ error: 'invalid_request', error_description: 'Invalid IdToken.' });
    if (aud !== clientId)
      return void res.status(400).json({ error: 'invalid_request', error_description: 'Invalid IdToken Audience.' });
    if (Number(exp) * 1000 <= Date.now())
      return void res.status(400).json({ error: 'invalid_request', error_description: 'IdToken expired.' });
    res.json({
      iss: 'https://access.line.me',
      sub,
      aud,
      exp: Number(exp),
      iat: Number(exp) - 3600,
      name: `ผู้ใช้ ${sub.slice(-4)}`,
    });
  }

  /** What LINE would refuse with 400, kept so a failing test can say why. */
  readonly refused: string[][] = [];
  private validMessages(messages: unknown): boolean {
    const problems = messageLimitViolations(messages);
    if (problems.length) this.refused.push(problems);
    return problems.length === 0;
  }

  private badRequest(req: express.Request, res: express.Response): void {
    this.record(req, 400);
    res.status(400).json({ message: 'The request body has 1 error(s)' });
  }

  private deliver(
    req: express.Request,
    res: express.Response,
    kind: SentMessage['kind'],
    to: string[],
    messages: SentMessage['messages'],
  ): void {
    const retryKey = req.header('x-line-retry-key') ?? undefined;
    if (retryKey && this.seenRetryKeys.has(retryKey)) {
      this.record(req, 409);
      return void res.status(409).json({ message: 'The retry key is already accepted', sentMessages: [] });
    }
    if (retryKey) this.seenRetryKeys.add(retryKey);
    this.record(req, 200);
    this.sent.push({ kind, to, messages, retryKey, at: Date.now() });
    this.quota.used += kind === 'reply' ? 0 : to.length * 1;
    res.json({ sentMessages: messages.map((_, i) => ({ id: `${this.sent.length}-${i}` })) });
  }

  private record(req: express.Request, status: number): void {
    this.calls.push({
      method: req.method,
      path: req.path,
      status,
      retryKey: req.header('x-line-retry-key') ?? undefined,
    });
  }
}
