import { DEMO_GUEST, DEMO_USERS } from '../../functions/src/dev/demoData';
import { useLocalStackAndBrowser } from '../helpers/browser';

const env = useLocalStackAndBrowser();
const AREA = DEMO_USERS[3]!;

describe('sighting form and triage page in headless Chromium', () => {
  it('a follower reports with GPS; the area coordinator sees it inert and closes it', async () => {
    const dialogs: string[] = [];
    const context = await env.browser().newContext({
      geolocation: { latitude: 13.705, longitude: 100.514, accuracy: 30 },
      permissions: ['geolocation'],
    });
    context.on('page', (p) => p.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss())));
    const form = await context.newPage();
    form.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    await form.goto(`${env.stack().url}/liff/sighting.html?as=${DEMO_GUEST.id}`);
    await form.click('#gps');
    // the same location line as the check-in page
    await form.getByText('(คลาดเคลื่อน ±30 ม.)', { exact: false }).waitFor();
    await form.fill('#place', 'หน้าตลาดสด <img src=x onerror=alert(2)>');
    await form.fill('#age', '11');
    await form.selectOption('#sex', 'male');
    await form.fill('#description', 'เด็กขายพวงมาลัยช่วงเวลาเรียน <script>alert(1)</script>');
    await form.dblclick('#submit');
    await form.getByText('ได้รับเรื่องแล้ว เลขที่ S-', { exact: false }).waitFor();
    expect(await env.stack().store.count('sightings')).toBe(1);

    const triage = await context.newPage();
    triage.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    await triage.goto(`${env.stack().url}/liff/triage.html?as=${AREA.id}`);
    const card = triage.locator('[data-sighting]').first();
    await card.waitFor();
    expect(await card.locator('.description').innerText()).toContain('<script>alert(1)</script>');
    expect(await card.locator('h2').first().innerText()).toContain('<img src=x onerror=alert(2)>');
    await card.locator('input[placeholder="เหตุผลที่ปิดเรื่อง"]').fill('ผู้ปกครองแจ้งว่าเรียน กศน. อยู่แล้ว');
    await card.getByRole('button', { name: 'ปิดเรื่อง' }).click();
    await triage.getByText('บันทึกแล้ว', { exact: false }).waitFor();
    expect(dialogs).toEqual([]);
    const [s] = await env.stack().store.query('sightings');
    expect(s!.data).toMatchObject({ status: 'closed', triagedBy: AREA.id });
    await context.close();
  });
});
