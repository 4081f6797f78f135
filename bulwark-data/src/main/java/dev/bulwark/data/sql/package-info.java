/**
 * The governed SQL connector. Agent SQL is screened lexically, parsed with JSqlParser, and every table reference is
 * replaced by a filtered, masked derived table built from the configured {@link dev.bulwark.data.sql.SqlDataPolicy};
 * anything the rewriter does not understand is rejected.
 */
package dev.bulwark.data.sql;
