// Every console page, in menu order. Adding a page = one module exporting { id, title, roles, render } + one line here.
import activity from './activity.js';
import approvals from './approvals.js';
import audit from './audit.js';
import agents from './agents.js';
import policies from './policies.js';
import whatif from './whatif.js';
import anomalies from './anomalies.js';
import metrics from './metrics.js';

export const pages = [activity, approvals, audit, agents, policies, whatif, anomalies, metrics];
