/**
 * The REST admin API under {@code /api/v1}: agents, users, token revocation, policies, audit and upstream tool
 * approvals. Every request needs the admin token; every change is audited.
 */
package dev.bulwark.server.admin;
