/**
 * The two error shapes of the vSphere Automation API and the HTTP status of each standard
 * error type. A handler throws `MockFault`; the dispatcher turns it into the reply of the
 * request's style (`/api` or `/rest`).
 */
export type Style = 'api' | 'rest';

export interface LocalizableMessage {
  id: string;
  default_message: string;
  args: string[];
}

/** The status vCenter answers each standard error type with. */
const ERROR_STATUS: Readonly<Record<string, number>> = {
  ALREADY_EXISTS: 400,
  ALREADY_IN_DESIRED_STATE: 400,
  CANCELED: 500,
  CONCURRENT_CHANGE: 409,
  ERROR: 500,
  INVALID_ARGUMENT: 400,
  INVALID_REQUEST: 400,
  NOT_ALLOWED_IN_CURRENT_STATE: 400,
  NOT_FOUND: 404,
  OPERATION_NOT_FOUND: 404,
  RESOURCE_BUSY: 500,
  RESOURCE_IN_USE: 400,
  SERVICE_UNAVAILABLE: 503,
  UNAUTHENTICATED: 401,
  UNAUTHORIZED: 403,
  UNSUPPORTED: 400,
};

export const message = (id: string, text: string, args: string[] = []): LocalizableMessage => ({ id, default_message: text, args });

/** An error a handler answers with: `throw new MockFault('NOT_FOUND', 'com.vmware...', 'text', [id])`. */
export class MockFault extends Error {
  readonly status: number;
  constructor(
    readonly errorType: string,
    readonly id: string,
    text: string,
    readonly args: string[] = [],
  ) {
    super(text);
    this.status = ERROR_STATUS[errorType] ?? 500;
  }

  body(style: Style): unknown {
    const messages = [message(this.id, this.message, this.args)];
    return style === 'api'
      ? { error_type: this.errorType, messages }
      : { type: `com.vmware.vapi.std.errors.${this.errorType.toLowerCase()}`, value: { messages } };
  }

  /** The vAPI error as a task's `error` carries it (the JSON text of the `/api` shape). */
  taskError(): string {
    return JSON.stringify(this.body('api'));
  }
}

export const notFound = (what: string, id: string): MockFault =>
  new MockFault('NOT_FOUND', 'com.vmware.vapi.std.errors.not_found', `${what} ${id} not found`, [id]);

export const invalidArgument = (text: string, field?: string): MockFault =>
  new MockFault('INVALID_ARGUMENT', 'com.vmware.vapi.std.errors.invalid_argument', text, field ? [field] : []);

export const unauthenticated = (text: string): MockFault => new MockFault('UNAUTHENTICATED', 'vapi.security.authentication.invalid', text);
