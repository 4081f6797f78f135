/**
 * Telemetry for the gateway: Prometheus metrics through Micrometer ({@link dev.bulwark.telemetry.CallMetrics}),
 * OpenTelemetry traces with the GenAI semantic conventions for tool execution ({@link dev.bulwark.telemetry.CallTracing})
 * and JSON call logs ({@link dev.bulwark.telemetry.CallLog}), all fed by the pipeline's
 * {@link dev.bulwark.engine.pipeline.CallObserver} hook. {@link dev.bulwark.telemetry.Telemetry} is the one entry point;
 * Micrometer and OpenTelemetry types never leave this module's main API except for test hooks. Nothing exported ever
 * holds an argument value, an output or a credential (docs/security/telemetry.md).
 */
package dev.bulwark.telemetry;
