/** What plugins report to telemetry without depending on it: {@link dev.bulwark.spi.telemetry.AnomalyMetrics}. */
package dev.bulwark.spi.telemetry;
