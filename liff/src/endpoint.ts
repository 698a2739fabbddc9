import { initLiff } from './liffClient';
import { liffTarget } from './liffState';
import './style.css';

/**
 * The LIFF endpoint URL (/liff/). LINE opens https://liff.line.me/<id>/<path> by loading this page
 * with <path> in `liff.state`; liff.init() forwards to it. liff-mock (local stack) does not, so the
 * page forwards itself when init returns and the state is still here.
 */
async function main(): Promise<void> {
  const notice = document.getElementById('notice')!;
  try {
    await initLiff();
    const target = liffTarget(location.href);
    if (target) location.replace(target);
    else notice.innerHTML = '<p>เปิดเมนูใน LINE เพื่อใช้งาน: ค้นหาเด็ก งานของฉัน หรือแจ้งพบเด็ก</p>';
  } catch (err) {
    notice.textContent = err instanceof Error ? err.message : 'เปิดหน้าไม่สำเร็จ กรุณาลองใหม่';
  }
}
void main();
