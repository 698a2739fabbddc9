/**
 * Hosting serves the built pages and rewrites everything else to a function. A route that the
 * pages call, or that createApp serves, without a rewrite answers Hosting's 404 in production while
 * every local test passes: this file reads both sides from the code and compares them with firebase.json.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { harness, type Harness } from '../helpers/harness';

const root = path.resolve(__dirname, '../..');
const hosting = (
  JSON.parse(fs.readFileSync(path.join(root, 'firebase.json'), 'utf8')) as {
    hosting: { public: string; rewrites: Array<{ source: string; function?: { functionId: string; region: string } }> };
  }
).hosting;
const publicDir = path.join(root, hosting.public);

/** A sample path for a route pattern: `:id` becomes one segment. */
const sample = (route: string) => route.replace(/:[A-Za-z]+/g, 'x');

/** The first rewrite whose glob matches, as Hosting picks it. */
const rewriteOf = (p: string) => hosting.rewrites.find((r) => path.matchesGlob(p, r.source));

/**
 * Paths the built pages fetch or link to: string and template literals in their JS and HTML, cut
 * at the query or at the first part built at run time (`/api${path}` is kept as `/api…`).
 */
function pageRoutes(): string[] {
  const files = fs.readdirSync(publicDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|html)$/.test(f));
  const found = new Set<string>();
  for (const f of files) {
    const text = fs.readFileSync(path.join(publicDir, f), 'utf8');
    for (const m of text.matchAll(/["'`](\/(?:api|public|liff|webhook|healthz)[^"'`?#\s$]*)(\$\{)?/g)) {
      found.add(m[2] && !m[1]!.includes('.') ? `${m[1]}…` : m[1]!);
    }
  }
  return [...found].sort();
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  rawPath?: string;
  handle?: { stack?: Layer[] };
}

/** Every route createApp serves, with the prefixes of the routers it mounts (Express 5's router stack). */
function appRoutes(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((l) => {
    if (l.route) return [l.route.path].flat().map((p) => `${prefix}${p}`);
    if (l.handle?.stack) return appRoutes(l.handle.stack, prefix + (l.rawPath && l.rawPath !== '/' ? l.rawPath : ''));
    return [];
  });
}

/** The exported functions of the built entry and whether each is an HTTPS function, read in a fresh process. */
function deployedFunctions(): Record<string, { region: string[]; https: boolean }> {
  const script =
    'const m = require("./"); const out = {};' +
    'for (const [k, f] of Object.entries(m)) out[k] = { region: ' +
    'f.__endpoint.region, https: !!f.__endpoint.httpsTrigger };' +
    'console.log(JSON.stringify(out))';
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { cwd: path.join(root, 'functions'), encoding: 'utf8' }),
  );
}

describe('firebase.json routes what the pages, LINE and the scheduler reach', () => {
  let h: Harness;
  let served: string[];
  const functions = deployedFunctions();
  beforeAll(async () => {
    h = await harness();
    served = appRoutes((h.app as unknown as { router: { stack: Layer[] } }).router.stack);
  });
  afterAll(() => h.close());

  it('finds the routes on both sides (so the comparison below can fail)', () => {
    expect(served).toEqual(
      expect.arrayContaining([
        '/healthz',
        '/webhook',
        '/liff/config.json',
        '/public/stats',
        '/public/trend',
        '/api/me',
      ]),
    );
    expect(pageRoutes()).toEqual(
      expect.arrayContaining(['/api…', '/liff/', '/liff/config.json', '/public/stats…', '/public/trend']),
    );
  });

  it('every rewrite points at an exported HTTPS function in its region', () => {
    for (const r of hosting.rewrites) {
      const fn = r.function ? functions[r.function.functionId] : undefined;
      expect([r.source, fn?.https, fn?.region]).toEqual([r.source, true, [r.function?.region]]);
    }
  });

  it('every route createApp serves is rewritten to a function', () => {
    const missing = served.filter((route) => !rewriteOf(sample(route)));
    expect(missing).toEqual([]);
  });

  it('every path the built pages call is a file of the site or rewritten to a route createApp serves', () => {
    const servedPatterns = served.map((route) => new RegExp(`^${route.replace(/:[A-Za-z]+/g, '[^/]+')}$`));
    const broken = pageRoutes().filter((route) => {
      if (route.endsWith('…')) {
        // Completed at run time (`/api${path}`, `/public/stats${query}`): the prefix, or what lies below it,
        // is rewritten to a route that createApp serves there.
        const prefix = route.slice(0, -1);
        const below = (p: string) => p === prefix || p.startsWith(`${prefix}/`);
        return !(rewriteOf(prefix) || rewriteOf(`${prefix}/x`)) || !served.some(below);
      }
      if (fs.existsSync(path.join(publicDir, route.endsWith('/') ? `${route}index.html` : route))) return false;
      return !rewriteOf(route) || !servedPatterns.some((re) => re.test(route));
    });
    expect(broken).toEqual([]);
  });
});
