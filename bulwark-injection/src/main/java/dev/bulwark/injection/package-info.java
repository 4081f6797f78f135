/**
 * Prompt-injection screening of content an agent will read: a heuristic detector (multilingual attack phrasing,
 * role markers, fake tool calls, hidden text, encoded payloads, exfiltration links), a guard that labels, quarantines
 * or blocks by score, and spotlighting that delivers untrusted tool output delimited and marked.
 *
 * <p>Wiring: {@link dev.bulwark.injection.InjectionGuard} runs on raw tool output (before other rewriting guards
 * change it and before {@link dev.bulwark.injection.SpotlightingGuard}, which must come last so its delimiters wrap
 * exactly what the agent receives).
 *
 * <p>Detection is a layer, not the defence: information-flow control decides what untrusted data may cause.
 */
package dev.bulwark.injection;
