/** Every modelled operation, by model name (the `/api` name; `/rest` and `$task` variants share it). */
import { taskHandlers } from '../tasks.js';
import type { HandlerTable } from './context.js';
import { libraryHandlers } from './library.js';
import { taggingHandlers } from './tagging.js';
import { ovfHandlers } from './ovf.js';
import { poolHandlers } from './pools.js';
import { uploadHandlers } from './upload.js';
import { inventoryHandlers } from './vcenter.js';
import { vmHandlers } from './vm.js';
import { vmDeviceHandlers } from './vm-devices.js';

export const HANDLERS: HandlerTable = {
  ...inventoryHandlers,
  ...poolHandlers,
  ...vmHandlers,
  ...vmDeviceHandlers,
  ...taggingHandlers,
  ...libraryHandlers,
  ...ovfHandlers,
  ...uploadHandlers,
  ...taskHandlers,
};
