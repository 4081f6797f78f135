/**
 * The web console: a server-side session per signed-in human (HttpOnly, SameSite=Strict cookie), a CSRF token checked
 * on every state-changing request, a strict Content-Security-Policy, and static pages (plain HTML and small ES
 * modules, no inline script or style). The console holds no authority of its own: every read and change is forwarded
 * in process to the admin and approvals API with the signed-in human's own credential, so the API's checks and audit
 * apply unchanged. Threat model: docs/security/console.md.
 */
package dev.bulwark.console;
