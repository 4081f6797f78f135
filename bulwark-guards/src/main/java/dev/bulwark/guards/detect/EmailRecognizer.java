package dev.bulwark.guards.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses: bounded local part, one to eight dot-separated labels and an alphabetic top-level domain. The
 * label group may give back its last label, so a sentence's full stop after the address does not hide it.
 */
final class EmailRecognizer implements Recognizer {
    static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+-])[\\w%+-](?:[\\w.%+-]{0,63}+)@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62}+)\\.){1,8}"
                    + "\\p{L}{2,24}+(?![\\p{L}\\p{N}-])", Pattern.UNICODE_CHARACTER_CLASS);

    @Override
    public void recognize(String text, Candidates out) {
        TextShape shape = out.shape();
        if (!shape.has(TextShape.AT)) {
            return;
        }
        Matcher m = EMAIL.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int resume = 0;
        for (int at : shape.startsOf(TextShape.AT)) {
            int from = Math.max(resume, at - 64);
            int run = localRunStart(text, at);
            if (run >= 0) {
                // Only the start of the run of local-part characters before '@' can begin a match: any later start
                // follows a local-part character, which the pattern's lookbehind forbids.
                if (run >= from && m.region(run, text.length()).lookingAt()) {
                    resume = m.end();
                    report(text, m, out);
                }
                continue;
            }
            // A local part is at most 64 characters, so an address around this '@' starts at most 64 before it.
            for (int i = from; i < at; i++) {
                if (m.region(i, text.length()).lookingAt()) {
                    resume = m.end();
                    report(text, m, out);
                    break;
                }
            }
        }
    }

    /**
     * Start of the run of ASCII local-part characters ({@code [A-Za-z0-9_.%+-]}) ending at {@code at}, when the
     * character before it is ASCII too (or the text starts there); -1 when a character outside ASCII is met first,
     * whose class under Unicode rules the pattern itself must judge.
     */
    private static int localRunStart(String text, int at) {
        int i = at;
        while (i > 0 && at - i <= 65) {
            char c = text.charAt(i - 1);
            if (c >= 0x80) {
                return -1;
            }
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '%' || c == '+' || c == '-')) {
                break;
            }
            i--;
        }
        return i;
    }

    static void report(String text, Matcher m, Candidates out) {
        String local = text.substring(m.start(), text.indexOf('@', m.start()));
        if (local.endsWith(".") || local.contains("..")) {
            return;
        }
        out.add("EMAIL_ADDRESS", m.start(), m.end(), 0.9, "email");
    }
}
