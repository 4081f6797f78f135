/**
 * Prompt-injection screening of content an agent will read: a heuristic detector (multilingual attack phrasing,
 * role markers, fake tool calls, hidden and concealed text, encoded payloads, exfiltration links, instructions naming
 * the gateway's own tools), a guard that labels, quarantines or blocks by score, and spotlighting that delivers
 * untrusted tool output delimited and marked.
 *
 * <p>Text is folded before matching ({@code NormalizedText}: NFKC, default-ignorable characters, combining marks, HTML
 * references, look-alike letters) and read a second time where it is obfuscated ({@code ObfuscatedViews}: zero-width
 * word separators, spaced-out letters, leetspeak, markup inside words). The detector learns the gateway's tool names
 * from a supplier given to its constructor, asked on every screening.
 *
 * <p>Wiring: {@link dev.bulwark.injection.InjectionGuard} runs on raw tool output (before other rewriting guards
 * change it and before {@link dev.bulwark.injection.SpotlightingGuard}, which must come last so its delimiters wrap
 * exactly what the agent receives).
 *
 * <p>Detection is a layer, not the defence: information-flow control decides what untrusted data may cause. Whatever
 * the guard does besides passing (label, quarantine, block) gives the session the {@code untrusted} label. See
 * docs/security/injection.md.
 */
package dev.bulwark.injection;
