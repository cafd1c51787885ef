/**
 * With @opentelemetry/api installed (a devDependency here), each delivery is a CONSUMER span
 * carrying vsphere.event.type / key / source (and vsphere.task.id for a TaskEvent); a handler
 * that throws marks it ERROR. (Without the package: test/tasks/tracing-absent.e2e.)
 */
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import samples from '@vcenter-sdk/events-data/samples';
import { afterEach, expect, it } from 'vitest';
import { encodeEvent } from '@vcenter-sdk/events';
import { receiverWith } from './helpers.js';

const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
afterEach(() => {
  exporter.reset();
});

it('a span per delivery with the event attributes; a TaskEvent carries vsphere.task.id', async () => {
  const rx = receiverWith({ tracing: true });
  rx.onAny(() => {});
  await rx.receive(encodeEvent('VmPoweredOnEvent', samples.VmPoweredOnEvent!, { source: 'https://vc1.example.com/sdk', id: 'ce-1' }));
  await rx.receive(encodeEvent('TaskEvent', samples.TaskEvent!, { source: 'https://vc1.example.com/sdk', id: 'ce-2' }));
  const spans = exporter.getFinishedSpans();
  expect(spans.map((s) => s.name)).toEqual(['vsphere.event VmPoweredOnEvent', 'vsphere.event TaskEvent']);
  expect(spans[0]!.kind).toBe(SpanKind.CONSUMER);
  expect(spans[0]!.attributes).toMatchObject({
    'vsphere.event.type': 'VmPoweredOnEvent',
    'vsphere.event.class': 'VmPoweredOnEvent',
    'vsphere.event.key': 9001,
    'vsphere.event.source': 'https://vc1.example.com/sdk',
    'cloudevents.event_id': 'ce-1',
  });
  expect(spans[0]!.attributes['vsphere.task.id']).toBeUndefined();
  expect(spans[1]!.attributes).toMatchObject({ 'vsphere.event.type': 'TaskEvent', 'vsphere.task.id': 'task-101' });
});

it('a handler that throws: the span is ERROR with error.type', async () => {
  const rx = receiverWith({ tracing: true });
  rx.on('VmEvent', () => {
    throw new TypeError('bad');
  });
  expect((await rx.receive(encodeEvent('VmPoweredOnEvent', samples.VmPoweredOnEvent!))).status).toBe(500);
  const [span] = exporter.getFinishedSpans();
  expect(span!.status.code).toBe(SpanStatusCode.ERROR);
  expect(span!.attributes['error.type']).toBe('TypeError');
});

it('with tracing: false, no span and the delivery still works', async () => {
  let n = 0;
  const off = receiverWith({ tracing: false });
  off.onAny(() => void n++);
  expect((await off.receive(encodeEvent('VmPoweredOnEvent', samples.VmPoweredOnEvent!))).status).toBe(200);
  expect(n).toBe(1);
  expect(exporter.getFinishedSpans()).toEqual([]);
});

it("handlers run in the delivery span's context: their spans are its children", async () => {
  const { AsyncLocalStorage } = await import('node:async_hooks');
  const { context, ROOT_CONTEXT } = await import('@opentelemetry/api');
  const als = new AsyncLocalStorage<ReturnType<typeof context.active>>();
  // A minimal AsyncLocalStorage context manager (what @opentelemetry/context-async-hooks provides).
  context.setGlobalContextManager({
    active: () => als.getStore() ?? ROOT_CONTEXT,
    with: (ctx, fn, thisArg, ...args) => als.run(ctx, () => fn.call(thisArg, ...args)),
    bind: (_ctx, target) => target,
    enable() {
      return this;
    },
    disable() {
      return this;
    },
  });
  try {
    const rx = receiverWith({ tracing: true });
    rx.on('VmPoweredOnEvent', async () => {
      await Promise.resolve();
      trace.getTracer('handler').startSpan('vcenter.vm.get').end();
    });
    await rx.receive(encodeEvent('VmPoweredOnEvent', samples.VmPoweredOnEvent!));
    const spans = exporter.getFinishedSpans();
    const delivery = spans.find((s) => s.name === 'vsphere.event VmPoweredOnEvent')!;
    const child = spans.find((s) => s.name === 'vcenter.vm.get')!;
    expect(child.parentSpanContext?.spanId).toBe(delivery.spanContext().spanId);
  } finally {
    context.disable();
  }
});
