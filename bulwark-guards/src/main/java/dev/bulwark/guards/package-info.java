/** PII and secret detection for Bulwark: recognizers, actions (redact, mask, hash, tokenize, block) and guards. */
package dev.bulwark.guards;
