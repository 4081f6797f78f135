package dev.bulwark.injection;

/** The kinds of evidence the injection detector reports; each name is a {@code Finding} type. */
public enum InjectionSignal {
    /** Attack phrasing: instructions aimed at the model, references to prior instructions, urgency, concealment. */
    INJECTION_PHRASE,
    /** Chat-template role or turn markers that try to open a new system/user/assistant turn. */
    ROLE_MARKER,
    /** Text that imitates a tool or function call so the model believes it issued one. */
    FAKE_TOOL_CALL,
    /** Invisible characters: Unicode tags, zero-width runs, bidi overrides, text hidden by markup. */
    HIDDEN_TEXT,
    /** A base64, hex, rot13 or URL-encoded payload that decodes to instructions. */
    ENCODED_INSTRUCTION,
    /** A markdown or HTML link or image that would carry data to a host not on the allow-list. */
    EXFILTRATION_LINK
}
