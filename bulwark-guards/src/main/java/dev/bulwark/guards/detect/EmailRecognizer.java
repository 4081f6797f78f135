package dev.bulwark.guards.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses: bounded local part, one to eight dot-separated labels and an alphabetic top-level domain. The
 * label group may give back its last label, so a sentence's full stop after the address does not hide it.
 */
final class EmailRecognizer implements Recognizer {
    private static final Pattern EMAIL = Pattern.compile(
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
            // A local part is at most 64 characters, so an address around this '@' starts at most 64 before it.
            for (int i = Math.max(resume, at - 64); i < at; i++) {
                if (m.region(i, text.length()).lookingAt()) {
                    resume = m.end();
                    report(text, m, out);
                    break;
                }
            }
        }
    }

    private static void report(String text, Matcher m, Candidates out) {
        String local = text.substring(m.start(), text.indexOf('@', m.start()));
        if (local.endsWith(".") || local.contains("..")) {
            return;
        }
        out.add("EMAIL_ADDRESS", m.start(), m.end(), 0.9, "email");
    }
}
