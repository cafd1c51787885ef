/** The view Prism serves: each fixed query folded into the pathname, the rest of the document shared. */
import { describe, expect, it } from 'vitest';
import { mockPathOf, mockView } from './front/mock-view.js';

describe('the mock view', () => {
  it('folds a fixed query into the pathname, so that Prism tells an action from the plain path', () => {
    const components = { schemas: { Gadget: { type: 'object' } } };
    const doc = {
      openapi: '3.0.3',
      servers: [{ url: 'https://vc.example.com' }],
      paths: { '/api/vcenter/gadget': { get: {} }, '/api/vcenter/gadget/{gadget}?action=reset': { post: {} } },
      components,
    };
    const view = mockView(doc);
    expect(Object.keys(view.paths)).toEqual(['/api/vcenter/gadget', '/__q/action=reset/api/vcenter/gadget/{gadget}']);
    expect(view.servers).toEqual([{ url: '/' }]);
    expect(view.components).toBe(components);
    expect(Object.keys(doc.paths)).toContain('/api/vcenter/gadget/{gadget}?action=reset');
  });

  it('folds keys without a value and several keys as they are written', () => {
    expect(mockPathOf('/api/content/library/item/{id}?file_name')).toBe('/__q/file_name/api/content/library/item/{id}');
    expect(mockPathOf('/api/vcenter/vm?action=clone&vmw-task=true')).toBe('/__q/action=clone&vmw-task=true/api/vcenter/vm');
  });
});
