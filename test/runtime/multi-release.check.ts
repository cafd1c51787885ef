/**
 * Type-level checks of a client over several releases: checked by `npm test`'s tsc, never run
 * (the behaviour is in multi-release.e2e.test.ts).
 */
import { expectTypeOf } from 'vitest';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import v802 from '@vcenter-sdk/vsphere-8.0.2';
import { connect, createClient, type OpsOf, type ReleaseNewer, type ResultOf } from '@vcenter-sdk/runtime';

// Release ids compare as versions.
expectTypeOf<ReleaseNewer<'8.0.2', '7.0.3'>>().toEqualTypeOf<true>();
expectTypeOf<ReleaseNewer<'7.0.3', '8.0.2'>>().toEqualTypeOf<false>();
expectTypeOf<ReleaseNewer<'10.0.0', '9.9.9'>>().toEqualTypeOf<true>();
expectTypeOf<ReleaseNewer<'7.0.10', '7.0.9'>>().toEqualTypeOf<true>();
expectTypeOf<ReleaseNewer<'7.0.3', '7.0.3'>>().toEqualTypeOf<false>();
expectTypeOf<ReleaseNewer<'8.0.2.1', '8.0.2'>>().toEqualTypeOf<true>();
expectTypeOf<ReleaseNewer<'8.0.2', '8.0.2.0'>>().toEqualTypeOf<false>();

/** The union of the operations, each typed by the release that serves it, whatever the order given. */
export async function union(): Promise<void> {
  const auth = { username: 'u', password: 'p' };
  for (const c of [
    createClient({ baseUrl: 'http://127.0.0.1:9', auth, releases: [v703, v802] }),
    createClient({ baseUrl: 'http://127.0.0.1:9', auth, releases: [v802, v703] }),
  ]) {
    expectTypeOf(c.release).toEqualTypeOf<'8.0.2'>();
    expectTypeOf(await c.call('vcenter.vm.list')).toEqualTypeOf<ResultOf<OpsOf<typeof v703>['vcenter.vm.list']>>();
    expectTypeOf(await c.call('esx.settings.clusters.configuration.drafts.list', { path: { cluster: 'c' } })).toEqualTypeOf<
      ResultOf<OpsOf<typeof v802>['esx.settings.clusters.configuration.drafts.list']>
    >();
    expectTypeOf(await c.call('appliance.system.version.get')).toEqualTypeOf<
      ResultOf<OpsOf<typeof v802>['appliance.system.version.get']>
    >();
    // @ts-expect-error no release has it
    await c.call('vcenter.nope.list');
    // @ts-expect-error path parameters are checked against the serving release
    await c.call('vcenter.vm.get', { path: {} });
  }
  const connected = await connect({ baseUrl: 'http://127.0.0.1:9', auth, releases: [v703, v802] });
  if (connected.release === '7.0.3') {
    // @ts-expect-error a 7.0.3 server: 8.0.2's operations are not served
    await connected.call('esx.settings.clusters.configuration.drafts.list', { path: { cluster: 'c' } });
    await connected.call('vcenter.vm.list');
  } else {
    await connected.call('esx.settings.clusters.configuration.drafts.list', { path: { cluster: 'c' } });
    await connected.call('vcenter.vm.list');
  }
}
