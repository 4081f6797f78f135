/**
 * Application logs: the text or JSON format chosen by {@code telemetry.logs.format}, the JSON encoder that redacts
 * every message as audit records are redacted, and the session and trace ids a call puts in the logging context.
 */
package dev.bulwark.server.logging;
