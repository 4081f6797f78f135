package dev.bulwark.injection;

/**
 * How untrusted tool output is marked for the model (after Hines et al., "Defending Against Indirect Prompt Injection
 * Attacks With Spotlighting", 2024).
 */
public enum SpotlightMode {
    /** Wrap the output between boundary tokens drawn at random for each call, after a one-line warning header. */
    DELIMIT,
    /** Replace every whitespace run with a marker character, so injected text reads as visibly foreign data. */
    DATAMARK,
    /** Base64-encode the output: the model can still decode it, but text inside is not read as an instruction. */
    ENCODE
}
