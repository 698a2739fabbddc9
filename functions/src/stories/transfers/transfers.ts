import {
  TRANSFER_STATE_LABEL,
  TransferActionSchema,
  type CaseEvent,
  type Child,
  type Outcome,
  type TransferView,
  type User,
} from '@panong/shared';
import { liffUrl } from '../../config';
import { readForChange, writeCaseChange } from '../../core/caseChange';
import { CounterDeltas, countedFields, type StatsDoc } from '../../core/counters';
import { paths, type School, type Transfer } from '../../core/documents';
import type { Deps } from '../../deps';
import { notFound, UserFacingError } from '../../errors';
import { linkCard } from '../../messages/cards';
import { notify } from '../../messages/notify';
import type { Store, Tx } from '../../ports/store';

type MovedOutcome = Extract<Outcome, { status: 'moved' }>;
const LIST_LIMIT = 300;
const NOT_YOURS = 'ไม่พบเรื่องย้ายนี้ หรือคุณไม่มีสิทธิ์เข้าถึง';

/**
 * Checks where a moving child goes, inside the check-in's transaction (reads first): an area of the
 * school directory other than the child's own, and a school of that area if one is named.
 */
export async function checkDestination(tx: Tx, child: Child, moved: MovedOutcome): Promise<void> {
  if (moved.toArea === child.areaCode)
    throw new UserFacingError(400, 'เขตปลายทางต้องเป็นเขตอื่น: ย้ายภายในเขตให้เขตโอนโรงเรียนเอง');
  const [inArea] = await tx.query<School>('schools', { where: [['area', '==', moved.toArea]], limit: 1 });
  if (!inArea) throw new UserFacingError(400, `ไม่พบเขตพื้นที่ ${moved.toArea} ในทะเบียนโรงเรียน`);
  if (moved.toSchool) {
    const school = await tx.get<School>(paths.school(moved.toSchool));
    if (school?.area !== moved.toArea)
      throw new UserFacingError(400, `โรงเรียน ${moved.toSchool} ไม่อยู่ในเขตพื้นที่ ${moved.toArea}`);
  }
}

/** Opens the transfer in the check-in's transaction; its id is the check-in's idempotency key. */
export function openTransfer(tx: Tx, child: Child, moved: MovedOutcome, event: CaseEvent): void {
  const doc: Transfer = {
    id: event.id,
    childId: child.id,
    childName: `${child.firstName} ${child.lastName}`,
    fromArea: child.areaCode,
    fromAreaName: child.areaName,
    fromSchool: child.schoolCode,
    fromSchoolName: child.schoolName,
    toArea: moved.toArea,
    ...(moved.toSchool ? { toSchool: moved.toSchool } : {}),
    previousStatus: event.from,
    state: 'pending',
    ...(moved.note ? { note: moved.note } : {}),
    createdAt: event.at,
    createdBy: event.by,
  };
  tx.create(paths.transfer(doc.id), { ...doc });
}

/** The receiving area's coordinators hear of a new transfer once (a retried request pushes with the same key). */
export async function announceTransfer(
  deps: Pick<Deps, 'store' | 'line' | 'logger' | 'liffId'>,
  transferId: string,
): Promise<void> {
  const t = await deps.store.get<Transfer>(paths.transfer(transferId));
  if (!t) return;
  const coordinators = await deps.store.query<User>('users', {
    where: [
      ['areaCode', '==', t.toArea],
      ['role', '==', 'area_coordinator'],
    ],
  });
  const text = `มีเด็กย้ายเข้าเขตของคุณ: ${t.childName} จาก${t.fromSchoolName} (${t.fromAreaName}) รอคุณรับหรือไม่รับ`;
  const page = { label: 'เปิดรายการย้ายเข้า', uri: liffUrl(deps.liffId, 'transfers.html') };
  await notify(
    deps,
    coordinators.map((u) => u.id),
    [linkCard(text, page)],
    { key: ['transfer', t.id], what: 'transfer notice failed', log: { transferId: t.id } },
  );
}

const mayAnswer = (user: User, t: Transfer) =>
  t.state === 'pending' && (user.role === 'admin' || (user.role === 'area_coordinator' && user.areaCode === t.toArea));

function view(user: User, t: Transfer): TransferView {
  return {
    id: t.id,
    childId: t.childId,
    childName: t.childName,
    fromArea: t.fromArea,
    fromAreaName: t.fromAreaName,
    fromSchoolName: t.fromSchoolName,
    toArea: t.toArea,
    ...(t.toSchool ? { toSchool: t.toSchool } : {}),
    state: t.state,
    stateLabel: TRANSFER_STATE_LABEL[t.state],
    ...(t.reason ? { reason: t.reason } : {}),
    ...(t.note ? { note: t.note } : {}),
    createdAt: t.createdAt,
    canAnswer: mayAnswer(user, t),
  };
}

/** Transfers into and out of the coordinator's area (an admin: all), pending first, newest first. */
export async function listTransfers(deps: Pick<Deps, 'store'>, user: User): Promise<TransferView[]> {
  const newest = { orderBy: { field: 'createdAt', dir: 'desc' as const }, limit: LIST_LIMIT };
  let docs: Transfer[];
  if (user.role === 'admin') docs = (await deps.store.query<Transfer>('transfers', newest)).map((d) => d.data);
  else if (user.role === 'area_coordinator') {
    const [into, out] = await Promise.all(
      (['toArea', 'fromArea'] as const).map((field) =>
        deps.store.query<Transfer>('transfers', { where: [[field, '==', user.areaCode]], ...newest }),
      ),
    );
    docs = [...into!, ...out!].map((d) => d.data);
  } else throw new UserFacingError(403, 'เฉพาะผู้ประสานงานเขตพื้นที่และผู้ดูแลระบบ');
  const rank = (t: Transfer) => (t.state === 'pending' ? 0 : 1);
  return docs.sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt)).map((t) => view(user, t));
}

/**
 * The receiving area answers. Accept: the case moves to the chosen school of that area as not yet
 * tracked, with its whole history; counters leave the sending units and join the receiving ones
 * (national total unchanged). Decline (with a reason): the case goes back to its status before the
 * move and the sender is told. Answering twice the same way changes nothing.
 */
export async function actOnTransfer(
  deps: Pick<Deps, 'store' | 'clock' | 'line' | 'logger' | 'liffId'>,
  user: User,
  transferId: string,
  body: unknown,
): Promise<{ transfer: TransferView; duplicate: boolean }> {
  const action = TransferActionSchema.parse(body);
  const result = await deps.store.transaction(async (tx) => {
    const t = await tx.get<Transfer>(paths.transfer(transferId));
    const answerer = user.role === 'admin' || (user.role === 'area_coordinator' && user.areaCode === t?.toArea);
    if (!t || !answerer) {
      const sender = t && user.role === 'area_coordinator' && user.areaCode === t.fromArea;
      if (sender) throw new UserFacingError(403, 'เขตปลายทางเป็นผู้รับหรือไม่รับเรื่องย้ายนี้');
      throw new UserFacingError(404, NOT_YOURS);
    }
    const answered = action.action === 'accept' ? 'accepted' : 'declined';
    if (t.state === answered) return { t, duplicate: true };
    if (t.state !== 'pending') throw new UserFacingError(409, `เรื่องย้ายนี้${TRANSFER_STATE_LABEL[t.state]}แล้ว`);
    const child = await tx.get<Child>(paths.child(t.childId));
    if (!child) throw notFound();
    const at = deps.clock().toISOString();
    const eventId = `${t.id}-${answered}`;
    const event: CaseEvent = {
      id: eventId,
      type: 'transfer',
      by: user.id,
      byRole: user.role,
      at,
      from: child.status,
      to: action.action === 'accept' ? 'not_tracked' : t.previousStatus,
      outcome: { transferId: t.id, action: answered, fromArea: t.fromArea, toArea: t.toArea },
    };
    if (action.action === 'accept') {
      const school = await tx.get<School>(paths.school(action.schoolCode));
      if (school?.area !== t.toArea)
        throw new UserFacingError(400, `โรงเรียน ${action.schoolCode} ไม่อยู่ในเขตพื้นที่ ${t.toArea}`);
      const area = await tx.get<StatsDoc>(paths.areaStats(t.toArea));
      event.outcome = { ...event.outcome, toSchool: school.code, toSchoolName: school.name };
      moveCase(tx, child, school, area?.name ?? `เขตพื้นที่ ${t.toArea}`, event);
    } else {
      event.outcome = { ...event.outcome, reason: action.reason };
      writeCaseChange(tx, { child, event, reads: await readForChange(tx, child, event.to) });
    }
    const done: Transfer = {
      ...t,
      state: answered,
      answeredAt: at,
      answeredBy: user.id,
      ...(action.action === 'accept' ? { acceptedSchool: action.schoolCode } : { reason: action.reason }),
    };
    tx.update(paths.transfer(t.id), { ...done });
    return { t: done, duplicate: false };
  });
  if (!result.duplicate) await tellSender(deps, result.t);
  return { transfer: view(user, result.t), duplicate: result.duplicate };
}

/**
 * The case changes hands: event, child (school, area, status not yet tracked, no assignees, no
 * partner) and the counters of both sides, in the caller's transaction.
 */
function moveCase(tx: Tx, child: Child, school: School, areaName: string, event: CaseEvent): void {
  const after: Child = {
    ...child,
    schoolCode: school.code,
    schoolName: school.name,
    areaCode: school.area,
    areaName,
    status: 'not_tracked',
    assigneeIds: [],
    partnerId: null,
    version: child.version + 1,
    updatedAt: event.at,
  };
  const counters = new CounterDeltas();
  counters.add(child, countedFields(child), -1);
  counters.add(child, ['transfer_out'], 1);
  counters.add(after, countedFields(after), 1);
  counters.add(after, ['transfer_in'], 1);
  tx.create(paths.event(child.id, event.id), { ...event });
  const { id: _id, ...fields } = after;
  tx.set(paths.child(child.id), { ...fields, id: child.id, outcome: event.outcome });
  for (const w of counters.writes()) if (w.kind === 'set') tx.set(w.path, w.data, { merge: true });
}

async function tellSender(deps: Pick<Deps, 'line' | 'logger' | 'liffId'>, t: Transfer): Promise<void> {
  const text =
    t.state === 'accepted'
      ? `เขตปลายทางรับ ${t.childName} แล้ว: ย้ายไปอยู่ในความดูแลของเขต ${t.toArea}`
      : `เขตปลายทางไม่รับ ${t.childName}: ${t.reason ?? ''} สถานะกลับเป็นเหมือนก่อนย้าย`;
  const page = { label: 'เปิดรายการย้าย', uri: liffUrl(deps.liffId, 'transfers.html') };
  await notify(deps, [t.createdBy], [linkCard(text.slice(0, 400), page)], {
    key: ['transfer', t.id, t.state],
    what: 'transfer answer notice failed',
    log: { transferId: t.id },
  });
}

/** The areas a child may move to, by name (the area counter documents: one read per area, 245 nationally). */
export async function destinationAreas(store: Pick<Store, 'query'>): Promise<Array<{ code: string; name: string }>> {
  const areas = await store.query<StatsDoc>('stats', { where: [['level', '==', 'area']] });
  return areas
    .flatMap((a) => (a.data.areaCode ? [{ code: a.data.areaCode, name: a.data.name ?? a.data.areaCode }] : []))
    .sort((a, b) => a.name.localeCompare(b.name, 'th'));
}

/** The schools of one area with their province and district, to pick the receiving school by place. */
export async function destinationSchools(
  store: Pick<Store, 'query'>,
  area: string,
): Promise<Array<{ code: string; name: string; province?: string; district?: string }>> {
  const schools = await store.query<School>('schools', { where: [['area', '==', area]] });
  return schools
    .map(({ data: s }) => ({ code: s.code, name: s.name, province: s.province, district: s.district }))
    .sort((a, b) => (a.district ?? '').localeCompare(b.district ?? '', 'th') || a.name.localeCompare(b.name, 'th'));
}
