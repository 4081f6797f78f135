/**
 * Application logs: the text or JSON format chosen by {@code telemetry.logs.format}, the text and JSON encoders that
 * both redact every message, exception message and id as audit records are redacted, and the session and trace ids a
 * call puts in the logging context.
 */
package dev.bulwark.server.logging;
