/**
 * What happens to a finding (redact, mask, hash, tokenize, block), per type and destination; the output guard; the
 * token vaults (in memory, or in a SQLite or PostgreSQL database shared by replicas).
 */
package dev.bulwark.guards.action;
