/**
 * Test fixtures shared across modules: a data source that can be cut off, a data source over a JDBC URL, a clock
 * moved by hand and an embedded PostgreSQL server per test class. Modules use it with {@code test} scope only.
 */
package dev.bulwark.testkit;
