package dev.bulwark.engine.writes;

import java.util.Locale;

/** What a rule does when a value breaks it. {@code CLAMP} exists only for number ranges and lengths. */
public enum Action {
    DENY, CLAMP, ESCALATE;

    public static Action parse(String text) {
        if (text == null) {
            return DENY;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "deny" -> DENY;
            case "clamp" -> CLAMP;
            case "escalate" -> ESCALATE;
            default -> throw new IllegalArgumentException("action must be deny, clamp or escalate, not '" + text + "'");
        };
    }
}
