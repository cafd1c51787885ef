/** Every modelled operation, by model name (the `/api` name; `/rest` and `$task` variants share it). */
import { taskHandlers } from '../tasks.js';
import type { HandlerTable } from './context.js';
import { libraryHandlers } from './library.js';
import { taggingHandlers } from './tagging.js';
import { uploadHandlers } from './upload.js';
import { inventoryHandlers } from './vcenter.js';
import { vmHandlers } from './vm.js';

export const HANDLERS: HandlerTable = {
  ...inventoryHandlers,
  ...vmHandlers,
  ...taggingHandlers,
  ...libraryHandlers,
  ...uploadHandlers,
  ...taskHandlers,
};
