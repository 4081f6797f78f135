/**
 * Evaluation of anomaly detection on generated traffic: a seeded generator of benign per-agent tool calls with
 * injected misbehaviour of every kind, and the harness that reports detection rate, calls to detection and false
 * alarms per 10,000 benign calls (docs/BENCHMARKS.md).
 */
package dev.bulwark.bench.anomaly;
