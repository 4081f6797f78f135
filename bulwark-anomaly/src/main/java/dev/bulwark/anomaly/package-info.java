/**
 * Anomaly detection: streaming detectors that learn each principal's (agent's, and user's) behaviour from its own
 * tool calls and report deviations from it. State is in memory and bounded per principal and in total; the gateway
 * wires responses (alerts, risk, the kill switch) to what is reported here.
 */
package dev.bulwark.anomaly;
