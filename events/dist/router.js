export class Routes {
    entries = [];
    add(key, handler) {
        if (key !== undefined && (typeof key !== 'string' || !key || (key.includes('*') && !key.endsWith('*')) || key.indexOf('*') !== key.lastIndexOf('*'))) {
            throw new TypeError(`on(${JSON.stringify(key)}): expected an event id, a class name or a 'prefix*' pattern`);
        }
        if (typeof handler !== 'function')
            throw new TypeError(`on(${JSON.stringify(key)}): the handler is not a function`);
        const entry = { key, handler };
        this.entries.push(entry);
        return () => {
            const i = this.entries.indexOf(entry);
            if (i >= 0)
                this.entries.splice(i, 1);
        };
    }
    /** The handlers for an event id of class `cls` with `ancestors`, in registration order. */
    match(id, cls, ancestors) {
        return this.entries
            .filter(({ key }) => key === undefined || key === id || key === cls || ancestors.includes(key) || (key.endsWith('*') && id.startsWith(key.slice(0, -1))))
            .map((e) => e.handler);
    }
}
