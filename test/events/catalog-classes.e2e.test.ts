/**
 * Events whose body contradicts the catalog: vCenter sends HA and appliance events the
 * catalogs list as `ExtendedEvent` with an `EventEx` body (as VEBA's HA and backup function
 * examples show). The body decides the class, its handlers run, the contradiction is one
 * `class_mismatch` issue, and `strict` delivers it. The bodies are written here in the shape
 * VEBA delivers (Go's encoding of govmomi's struct: every field present, nil as null), posted
 * as VEBA's test scripts post them, through a real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEvent, type EventIssue } from '@vcenter-sdk/events';
import { post, receiverWith, serve } from './helpers.js';

const HA_COMPLETED = 'com.vmware.vc.HA.ClusterFailoverActionCompletedEvent';
const BACKUP_FAILED = 'com.vmware.applmgmt.backup.job.failed.event';
const HA_INITIATED = 'com.vmware.vc.HA.ClusterFailoverActionInitiatedEvent';

const event = (key: number, message: string) => ({
  Key: key,
  ChainId: key,
  CreatedTime: '2026-11-30T08:14:02.518734Z',
  UserName: '',
  Datacenter: null as unknown,
  ComputeResource: null as unknown,
  Host: null,
  Vm: null,
  Ds: null,
  Net: null,
  Dvs: null,
  FullFormattedMessage: message,
  ChangeTag: '',
});

/** An HA failover: an EventEx about the cluster (ObjectId / ObjectType), no ManagedObject, no Data. */
const haCompleted = {
  ...event(731204, 'vSphere HA completed a virtual machine failover action in cluster Edge in datacenter West'),
  Datacenter: { Name: 'West', Datacenter: { Type: 'Datacenter', Value: 'datacenter-3' } },
  ComputeResource: { Name: 'Edge', ComputeResource: { Type: 'ClusterComputeResource', Value: 'domain-c9' } },
  EventTypeId: HA_COMPLETED,
  Severity: 'info',
  Message: '',
  Arguments: null,
  ObjectId: 'domain-c9',
  ObjectType: 'ClusterComputeResource',
  ObjectName: 'Edge',
  Fault: null,
};

/** The appliance's backup job failing: an EventEx naming no inventory object. */
const backupFailed = {
  ...event(88412, 'Backup job failed'),
  UserName: 'VSPHERE.LOCAL\\machine-0c1d',
  EventTypeId: BACKUP_FAILED,
  Severity: 'error',
  Message: '',
  Arguments: [{ Key: '_sourcehost_', Value: 'vcsa-west.example.org' }],
  ObjectId: '',
  ObjectType: '',
  ObjectName: '',
  Fault: null,
};

/** The reverse: an ExtendedEvent body (ManagedObject, Data) for an id the catalogs list as EventEx. */
const haInitiatedExtended = {
  ...event(731190, 'vSphere HA initiated a failover action in cluster Edge'),
  Message: '',
  EventTypeId: HA_INITIATED,
  ManagedObject: { Type: 'ClusterComputeResource', Value: 'domain-c9' },
  Data: [{ Key: 'cluster', Value: 'Edge' }],
};

/** A receiver recording which class handlers ran, what the id handler saw, and each issue. */
function recorder(options: Parameters<typeof receiverWith>[0] = {}) {
  const calls: string[] = [];
  const issues: EventIssue[] = [];
  const rx = receiverWith({ ...options, hooks: { onDecodeIssue: (i) => issues.push(i) } });
  rx.on('EventEx', (e) => void calls.push(`EventEx:${e.data.ObjectId}`));
  // `?.`: one test sends a body that lacks it (reported as missing_required)
  rx.on('ExtendedEvent', (e) => void calls.push(`ExtendedEvent:${e.data.ManagedObject?.Value}`));
  rx.on('GeneralEvent', () => void calls.push('GeneralEvent'));
  for (const id of [HA_COMPLETED, BACKUP_FAILED, HA_INITIATED] as const)
    rx.on(id, (e) => void calls.push(`id:${e.eventClass}:${'ManagedObject' in e.data ? 'ManagedObject' : 'ObjectId'}:${e.cluster?.id}`));
  return { rx, calls, issues };
}

const mismatch = (id: string, release: string, catalog: string, body: string) => ({
  operation: id,
  release,
  path: '$',
  keys: [],
  code: 'class_mismatch',
  expected: catalog,
  received: body,
});

describe.each([
  { decode: 'report', release: undefined },
  { decode: 'strict', release: undefined },
  { decode: 'strict', release: '8.0u3' },
] as const)('decode $decode, release $release', ({ decode, release }) => {
  const { rx, calls, issues } = recorder({ decode, ...(release ? { release } : {}) });
  const label = release ?? 'any';
  const catalogs = release ? `the ${release} catalog lists` : 'the catalogs list';
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => (server = await serve(rx)));
  afterAll(() => server.close());

  it(`${HA_COMPLETED}, an EventEx body (binary, event router type /eventex, ce-subject): EventEx handlers run, one class_mismatch`, async () => {
    calls.length = 0;
    issues.length = 0;
    const r = await post(server.url, encodeEvent(HA_COMPLETED, haCompleted, { scheme: 'router', routerKind: 'eventex', time: false }));
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ event: HA_COMPLETED, class: 'EventEx', handlers: 2, issues: 1 });
    expect(calls).toEqual(['EventEx:domain-c9', 'id:EventEx:ObjectId:domain-c9']);
    expect(issues).toEqual([expect.objectContaining(mismatch(HA_COMPLETED, label, 'ExtendedEvent', 'EventEx'))]);
    expect(issues[0]!.message).toBe(
      `${catalogs} '${HA_COMPLETED}' as ExtendedEvent, but its body is an EventEx (it has Severity, Arguments, ObjectId, ObjectType, ObjectName, Fault and no ManagedObject or Data); delivered and decoded as EventEx`,
    );
  });

  it(`${BACKUP_FAILED}, an EventEx body (structured, com.vmware.vsphere.<id>.v0): the same`, async () => {
    calls.length = 0;
    issues.length = 0;
    const r = await post(server.url, encodeEvent(BACKUP_FAILED, backupFailed, { structured: true }));
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ event: BACKUP_FAILED, class: 'EventEx', handlers: 2, issues: 1 });
    expect(calls).toEqual(['EventEx:', 'id:EventEx:ObjectId:undefined']);
    expect(issues).toEqual([expect.objectContaining(mismatch(BACKUP_FAILED, label, 'ExtendedEvent', 'EventEx'))]);
  });

  it(`the reverse: an ExtendedEvent body for ${HA_INITIATED} (an EventEx in the catalogs) runs ExtendedEvent and GeneralEvent handlers`, async () => {
    calls.length = 0;
    issues.length = 0;
    const r = await post(server.url, encodeEvent(HA_INITIATED, haInitiatedExtended, { scheme: 'router', routerKind: 'extendedevent' }));
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ class: 'ExtendedEvent', handlers: 3, issues: 1 });
    expect(calls).toEqual(['ExtendedEvent:domain-c9', 'GeneralEvent', 'id:ExtendedEvent:ManagedObject:domain-c9']);
    expect(issues).toEqual([expect.objectContaining(mismatch(HA_INITIATED, label, 'EventEx', 'ExtendedEvent'))]);
  });
});

describe('what the body does not settle stays the catalog’s', () => {
  it('a body with neither class’s own fields (or both) keeps the catalog’s class, and decoding reports what it lacks', async () => {
    const { rx, calls, issues } = recorder();
    const { Severity, Arguments, ObjectId, ObjectType, ObjectName, Fault, ...bare } = haCompleted;
    void [Severity, Arguments, ObjectId, ObjectType, ObjectName, Fault];
    const r = await rx.receive(encodeEvent(HA_COMPLETED, bare));
    expect(JSON.parse(r.body)).toMatchObject({ class: 'ExtendedEvent', issues: 2 });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['missing_required', '$.ManagedObject'],
      ['missing_required', '$.Data'],
    ]);
    calls.length = 0;
    issues.length = 0;
    await rx.receive(encodeEvent(HA_COMPLETED, { ...haCompleted, ManagedObject: { Type: 'ClusterComputeResource', Value: 'domain-c9' } }));
    expect(calls[0]).toBe('ExtendedEvent:domain-c9');
    expect(issues.map((i) => i.code)).toEqual(['missing_required']); // Data
  });

  it('a body trimmed of fields Go always writes (VEBA’s own backup test file has no ObjectId/ObjectType/ObjectName) is an EventEx missing them', async () => {
    const { ObjectId, ObjectType, ObjectName, ...trimmed } = backupFailed;
    void [ObjectId, ObjectType, ObjectName];
    const report = recorder();
    expect((await report.rx.receive(encodeEvent(BACKUP_FAILED, trimmed))).status).toBe(200);
    expect(report.calls).toEqual(['EventEx:undefined', 'id:EventEx:ObjectId:undefined']);
    expect(report.issues.map((i) => [i.code, i.path])).toEqual([
      ['class_mismatch', '$'],
      ['missing_required', '$.ObjectId'],
      ['missing_required', '$.ObjectType'],
      ['missing_required', '$.ObjectName'],
    ]);
    const strict = recorder({ decode: 'strict' });
    const r = await strict.rx.receive(encodeEvent(BACKUP_FAILED, trimmed));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({
      class: 'EventEx',
      issues: 4,
      deviations: [{ code: 'class_mismatch' }, { path: '$.ObjectId' }, { path: '$.ObjectType' }, { path: '$.ObjectName' }],
    });
    expect(strict.calls).toEqual([]);
  });
});
