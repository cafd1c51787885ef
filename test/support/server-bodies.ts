/**
 * Bodies as real servers send them and the spec does not say: the hostile server answers them
 * in server-quirks.e2e, and decode-checks.e2e runs both paths of `decode` over them.
 */

/**
 * A 7.0.3 VM list (`GET /api/vcenter/vm`) as a newer server writes it: a field the spec lacks,
 * an enum value it lacks, cpu_count omitted, and a memory size beyond 2^53 written as raw digits.
 */
export const NEWER_VM_LIST =
  '[{"vm":"vm-1","name":"a","power_state":"POWERED_ON","cpu_count":2,"memory_size_MiB":9007199254740993,"tpm":true},{"vm":"vm-2","name":"b","power_state":"HIBERNATED"}]';

/** `null` for an empty list, as servers answer a list with nothing in it (`/rest` wraps it). */
export const NULL_LIST = 'null';
export const NULL_REST_LIST = '{"value":null}';
