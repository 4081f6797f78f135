/**
 * JDBC helpers shared by the SQL-backed stores (identity, sessions); they use {@code java.sql} only, which is part of
 * the JDK, so this module stays free of dependencies.
 */
package dev.bulwark.spi.sql;
