/** Recognizers for PII and secrets, their validators, context scoring and overlap resolution. */
package dev.bulwark.guards.detect;
