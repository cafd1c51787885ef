/**
 * Spans through the OpenTelemetry in-memory exporter: one task span carrying the task id, its
 * status changes and progress as events, the start request and the polls as its children;
 * operation spans with operation, release, method, path template, status and error kind.
 * With `tracing: false` no span, same hooks (the package absent: tracing-absent.e2e).
 */
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { NotFound, type TaskEndInfo, type TaskProgressInfo } from '@vcenter-sdk/runtime';
import { client, cloneBody, fake, PASSWORD, r700, r703, restCloneBody, successScript } from './helpers.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
trace.setGlobalTracerProvider(provider);
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
});
beforeEach(() => {
  exporter.reset();
});

const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;
const idOf = (s: ReadableSpan) => s.spanContext().spanId;

describe('OpenTelemetry spans', () => {
  it('a task span with the task id, status/progress events, and the start + polls as children', async () => {
    const f = await fake();
    f.tasks.template = { advance: 'per-poll', script: successScript('vm-traced') };
    const c = client(f, r703);
    await expect(c.run('vcenter.vm.clone$task', { body: cloneBody })).resolves.toBe('vm-traced');
    const spans = exporter.getFinishedSpans();
    const taskSpans = spans.filter((s) => s.name.startsWith('vsphere.task'));
    expect(taskSpans).toHaveLength(1);
    const task = taskSpans[0]!;
    const id = f.tasks.lastId!;
    expect(task.name).toBe('vsphere.task vcenter.vm.clone$task');
    expect(task.attributes).toMatchObject({
      'vsphere.task.id': id,
      'vsphere.operation': 'vcenter.vm.clone$task',
      'vsphere.release': '7.0.3',
      'vsphere.task.status': 'SUCCEEDED',
      'vsphere.task.outcome': 'succeeded',
      'vsphere.task.polls': 4,
    });
    expect(task.status.code).toBe(0); // UNSET on success, as OTel advises for instrumentation

    // status changes and progress as events, in order
    const events = task.events.map((e) => [
      e.name,
      e.attributes?.['vsphere.task.status'] ?? e.attributes?.['vsphere.task.progress.completed'],
    ]);
    expect(events).toEqual([
      ['vsphere.task.status', 'PENDING'],
      ['vsphere.task.status', 'RUNNING'],
      ['vsphere.task.progress', 30],
      ['vsphere.task.progress', 60],
      ['vsphere.task.status', 'SUCCEEDED'],
      ['vsphere.task.progress', 100],
    ]);

    // children: the start request and every poll
    const children = spans.filter((s) => parentOf(s) === idOf(task));
    expect(children.map((s) => s.name)).toEqual([
      'vcenter.vm.clone$task',
      'cis.tasks.get',
      'cis.tasks.get',
      'cis.tasks.get',
      'cis.tasks.get',
    ]);
    for (const s of children) expect(s.spanContext().traceId).toBe(task.spanContext().traceId);

    // operation span attributes
    const start = children[0]!;
    expect(start.attributes).toEqual({
      'vsphere.operation': 'vcenter.vm.clone$task',
      'vsphere.release': '7.0.3',
      'http.request.method': 'POST',
      'url.template': '/api/vcenter/vm?action=clone&vmw-task=true',
      'http.response.status_code': 202,
      'vsphere.attempts': 1,
    });
    expect(start.kind).toBe(2); // CLIENT
    expect(children[1]!.attributes).toMatchObject({
      'url.template': '/api/cis/tasks/{task}',
      'http.request.method': 'GET',
      'http.response.status_code': 200,
    });

    // no secrets anywhere: no password, no session id, no concrete ids in path templates
    const session = [...f.sessions.sessions.keys()];
    expect(session.length).toBe(1);
    const all = JSON.stringify(spans.map((s) => [s.name, s.attributes, s.events]));
    expect(all).not.toContain(PASSWORD);
    for (const sid of session) expect(all).not.toContain(sid);
    for (const s of spans) expect(String(s.attributes['url.template'] ?? '')).not.toContain(id);
    expect(all).not.toMatch(/authorization|cookie|vmware-api-session-id/i);
  });

  it('a FAILED task: the task span is an error with the kind; a 404 poll span carries error.type', async () => {
    const f = await fake();
    f.tasks.template = {
      advance: 'per-poll',
      script: [{ status: 'RUNNING' }, { status: 'FAILED', error: { error_type: 'NOT_FOUND', messages: [] } }],
    };
    const c = client(f, r703);
    await expect(c.run('vcenter.vm.clone$task', { body: cloneBody })).rejects.toBeInstanceOf(NotFound);
    await expect(c.tasks.get('gone')).rejects.toMatchObject({ name: 'TaskNotFound' });
    const spans = exporter.getFinishedSpans();
    const task = spans.find((s) => s.name === 'vsphere.task vcenter.vm.clone$task')!;
    expect(task.status.code).toBe(2); // ERROR
    expect(task.attributes).toMatchObject({ 'error.type': 'NOT_FOUND', 'vsphere.task.status': 'FAILED', 'vsphere.task.outcome': 'failed' });
    const get = spans.find((s) => s.name === 'vsphere.task.get')!;
    const poll404 = spans.find((s) => parentOf(s) === idOf(get))!;
    expect(poll404.attributes).toMatchObject({
      'http.response.status_code': 404,
      'error.type': 'NOT_FOUND',
      'vsphere.operation': 'cis.tasks.get',
    });
    expect(poll404.status.code).toBe(2);
  });

  it('a /rest release (7.0.0): polls of /rest/cis/tasks/{task} are children of the task span (explicit parents, no context manager)', async () => {
    const f = await fake('7.0.0');
    f.tasks.template = { advance: 'per-poll', script: successScript('vm-rest') };
    const c = client(f, r700);
    const run = c.run as (n: string, i: unknown) => Promise<unknown>;
    await run('rest.vcenter.vm.clone$task', { body: restCloneBody });
    const spans = exporter.getFinishedSpans();
    const task = spans.find((s) => s.name === 'vsphere.task rest.vcenter.vm.clone$task')!;
    const polls = spans.filter((s) => parentOf(s) === idOf(task) && s.name === 'rest.cis.tasks.get');
    expect(polls.length).toBe(4);
    expect(polls[0]!.attributes).toMatchObject({ 'url.template': '/rest/cis/tasks/{task}', 'vsphere.release': '7.0.0' });
  });

  it('tracing: false records nothing; hooks carry the same facts', async () => {
    const f = await fake();
    f.tasks.template = { advance: 'per-poll', script: successScript('vm-x') };
    const progressSeen: TaskProgressInfo[] = [];
    const ends: TaskEndInfo[] = [];
    const hooks = { onTaskProgress: (i: TaskProgressInfo) => progressSeen.push(i), onTaskEnd: (i: TaskEndInfo) => ends.push(i) };
    const off = client(f, r703, { tracing: false, hooks });
    await off.run('vcenter.vm.clone$task', { body: cloneBody });
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(ends.map((e) => e.outcome)).toEqual(['succeeded']);
    expect(progressSeen.filter((p) => p.status === 'RUNNING').map((p) => p.progress?.completed)).toEqual([30, 60]);
  });
});
