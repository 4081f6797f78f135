/**
 * Information-flow control by value: typed values are extracted from the user's request and from tool outputs
 * ({@link dev.bulwark.engine.flow.ValueExtractor}), kept per session with the sources and labels they came from in a
 * bounded index ({@link dev.bulwark.engine.flow.ValueIndex}), and every argument of a later call is traced back to
 * those sources ({@link dev.bulwark.engine.flow.Provenance}) as plain facts for the policy context. The rules on what
 * eviction, truncation and transformed values mean are in {@code docs/security/flow.md}.
 */
package dev.bulwark.engine.flow;
