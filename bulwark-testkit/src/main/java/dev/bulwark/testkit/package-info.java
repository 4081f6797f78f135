/**
 * Test fixtures shared across modules: a data source that can be cut off, a data source over a JDBC URL, a clock
 * moved by hand, a bounded wait for what a test cannot join on, a detector that always fails, an embedded PostgreSQL
 * server per test class and a real upstream MCP server on Jetty with its tools. Modules use it with {@code test}
 * scope only; the MCP SDK and Jetty are optional here, so a module that runs the upstream declares them itself.
 */
package dev.bulwark.testkit;
