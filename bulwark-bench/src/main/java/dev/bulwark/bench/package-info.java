/**
 * Benchmarks and load harnesses (not shipped): JMH benchmarks of the fast path ({@link
 * dev.bulwark.bench.PolicyDecisionBench}) and an end-to-end load harness ({@link dev.bulwark.bench.GatewayLoad}) that
 * puts a real gateway between real MCP clients and a real upstream MCP server. Results are recorded in
 * {@code docs/BENCHMARKS.md}, always as ratios against a baseline measured in the same run.
 */
package dev.bulwark.bench;
