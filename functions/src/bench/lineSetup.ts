import { lineSetupClient } from '../adapters/lineClient';
import { renderMenuImage, RENDERER_VERSION } from '../adapters/richMenuImage';
import { FakeLine } from '../dev/fakeLine';
import { setupLine } from '../stories/lineSetup/lineSetup';
import { BENCH_TOKEN } from './servers';

/** `line:setup` run twice against the fake LINE API: calls made, menus left, image sizes. */
export async function lineSetupBench(): Promise<Record<string, number | string>> {
  const fake = new FakeLine(BENCH_TOKEN);
  const origin = await fake.listen();
  const deps = {
    line: lineSetupClient({ channelAccessToken: BENCH_TOKEN, origin }),
    render: renderMenuImage,
    usersIn: async () => [],
    rendererVersion: RENDERER_VERSION,
  };
  try {
    const t0 = Date.now();
    const first = await setupLine(deps, { baseUrl: origin, liffId: 'bench' });
    const firstCalls = fake.calls.length;
    const firstMs = Date.now() - t0;
    await setupLine(deps, { baseUrl: origin, liffId: 'bench' });
    return {
      firstRunCalls: firstCalls,
      firstRunMs: firstMs,
      secondRunCalls: fake.calls.length - firstCalls,
      menusLeft: fake.richMenus.menus.size,
      aliases: fake.richMenus.aliases.size,
      imagesKB: first.images.map((i) => Math.round(i.bytes / 1024)).join('/'),
    };
  } finally {
    await fake.close();
  }
}
