export declare class BadEvent extends Error {
    readonly name = "BadEvent";
}
export interface IncomingEvent {
    /** The vCenter event id: a class name (`VmPoweredOnEvent`) or a dotted id. */
    eventId: string;
    /** `vsphere` (com.vmware.vsphere.<id>.v0) or `router` (com.vmware.event.router/... + subject). */
    scheme: 'vsphere' | 'router';
    mode: 'binary' | 'structured';
    cloudEvent: {
        id: string;
        source: string;
        type: string;
        subject?: string;
        time?: string;
        specversion: string;
    };
    data: unknown;
}
/** Reads a CloudEvent from an HTTP message; a `BadEvent` (400) says why it is not one VEBA sends. */
export declare function readCloudEvent(headers: Record<string, string | string[] | undefined>, body: string): IncomingEvent;
export interface EncodeOptions {
    /** `https://<vcenter>/sdk` */
    source?: string;
    /** Structured mode (`application/cloudevents+json`) instead of binary (`ce-*` headers). */
    structured?: boolean;
    /** `vsphere` (default): `com.vmware.vsphere.<EventId>.v0`; `router`: the event router's type with the id in `subject`. */
    scheme?: 'vsphere' | 'router';
    /** The event router's type suffix for `router`: `event` (default), `eventex` or `extendedevent`. */
    routerKind?: 'event' | 'eventex' | 'extendedevent';
    id?: string;
    time?: string;
}
/** An HTTP message carrying a vCenter event as VEBA sends it: headers and body to POST. */
export declare function encodeEvent(eventId: string, data: object, o?: EncodeOptions): {
    headers: Record<string, string>;
    body: string;
};
