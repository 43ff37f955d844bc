import { runStandalone } from '@cdp/shared/util-service';
import { service } from './service.js';

await runStandalone(service);
