/** What happens to a finding (redact, mask, hash, tokenize, block), per type and destination; the output guard. */
package dev.bulwark.guards.action;
