package dev.bulwark.guards.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ages ("a 42 year old", "aged 42", "turned 42"), postcodes named as such, and URLs. */
final class MiscRecognizer implements Recognizer {
    static final Pattern AGE = Pattern.compile(
            "(?i)(?<![\\w.])(\\d{1,3})(?:[ -]?(?:years?|yrs?|y/?o)[ -]?old|[ -]year[ -]old|[ -]?y/o)(?![\\w])"
                    + "|(?:aged|age[: ]|age is|ages|age of|turn|turns|turned|turning)[ ]?(\\d{1,3})(?![\\w]|[.,]\\d)");
    static final Pattern ZIP = Pattern.compile(
            "(?i)(?:zip|postal|post)[ ]?code[ ]?(?:is|:|#)?[ ]?([0-9]{3,6}(?:-[0-9]{3,4})?|[A-Z][0-9][A-Z][ ]?[0-9][A-Z][0-9]|"
                    + "[A-Z]{1,2}[0-9][A-Z0-9]?[ ][0-9][A-Z]{2})(?![\\w])");
    static final Pattern URL = Pattern.compile(
            "(?i)(?<![\\w@.-])(?:https?://|www\\.)[\\w-]{1,63}+(?:\\.[\\w-]{1,63}+){0,8}+(?::\\d{1,5})?"
                    + "(?:/[^\\s<>\"'()\\[\\]{}|\\\\^`]{0,2000}+)?");

    @Override
    public void recognize(String text, Candidates out) {
        TextShape shape = out.shape();
        if (shape.has(TextShape.DIGITS)) {
            Anchored.scan(AGE, shape, TextShape.DIGITS, ageWords(shape), i -> yearsAfter(shape, i), m -> {
                int g = m.group(1) != null ? 1 : 2;
                int age = Integer.parseInt(m.group(g));
                if (age <= 130) {
                    out.add("AGE", m.start(g), m.end(g), 0.6, "age");
                }
            });
        }
        if (shape.has(TextShape.DIGITS) && (text.contains("ode") || text.contains("ODE"))) {
            Anchored.scan(ZIP, shape, 0, zipStarts(text), Anchored.ANYWHERE,
                    m -> out.add("ZIP_CODE", m.start(1), m.end(1), 0.6, "zip-code"));
        }
        if (text.indexOf("://") >= 0 || text.regionMatches(true, 0, "www.", 0, 4) || text.contains("www.")
                || text.contains("WWW.")) {
            // A URL begins with "http" or "www." at a letter no word character, '@', '.' or '-' precedes: a WORD start.
            Anchored.scan(URL, shape, TextShape.WORD, i -> urlAt(text, i), m -> {
                int end = m.end();
                while (end > m.start() && ".,;:!?".indexOf(text.charAt(end - 1)) >= 0) {
                    end--;
                }
                out.add("URL", m.start(), end, 0.6, "url");
            });
        }
    }

    /**
     * Where {@link #ZIP} can begin: 3, 4 ("zip", "post"), 5 ("post "), 6 and 7 ("postal", "postal ") characters
     * before each "code" in any ASCII case; ascending, without repeats.
     */
    private static int[] zipStarts(String text) {
        int[] found = new int[8];
        int n = 0;
        for (int q = 3; q + 4 <= text.length(); q++) {
            if ((text.charAt(q) | 0x20) != 'c' || !text.regionMatches(true, q + 1, "ode", 0, 3)) {
                continue;
            }
            for (int back = 7; back >= 3; back--) {
                int p = q - back;
                if (p >= 0 && (n == 0 || found[n - 1] < p)) {
                    if (n == found.length) {
                        found = java.util.Arrays.copyOf(found, n * 2);
                    }
                    found[n++] = p;
                }
            }
        }
        return java.util.Arrays.copyOf(found, n);
    }

    private static boolean urlAt(String text, int i) {
        char c = (char) (text.charAt(i) | 0x20);
        return c == 'h' && text.regionMatches(true, i, "http", 0, 4) || c == 'w' && text.regionMatches(true, i, "www.", 0, 4);
    }

    /** Up to three digits, then "y" or "Y", perhaps after a space or hyphen: how the number form of an age starts. */
    private static boolean yearsAfter(TextShape shape, int i) {
        int run = shape.digitRun(i);
        int j = i + run;
        if (shape.at(j) == ' ' || shape.at(j) == '-') {
            j++;
        }
        return run <= 3 && (shape.at(j) == 'y' || shape.at(j) == 'Y');
    }

    /**
     * Where the keyword form of {@link #AGE} can begin: each "age" and "turn" in any ASCII case, also inside a word
     * (the keyword alternative has no word boundary before it), 4 to 8 characters before the start of a digit run:
     * the keywords are 4 to 7 characters long and at most one space separates them from the number, which therefore
     * starts a run of digits.
     */
    private static int[] ageWords(TextShape shape) {
        String text = shape.text();
        int[] found = new int[4];
        int n = 0;
        int next = 0;
        for (int d : shape.startsOf(TextShape.DIGITS)) {
            for (int i = Math.max(next, d - 8); i <= d - 4; i++) {
                char c = (char) (text.charAt(i) | 0x20);
                boolean age = c == 'a' && text.regionMatches(true, i + 1, "ge", 0, 2);
                boolean turn = c == 't' && text.regionMatches(true, i + 1, "urn", 0, 3);
                if (age || turn) {
                    if (n == found.length) {
                        found = java.util.Arrays.copyOf(found, n * 2);
                    }
                    found[n++] = i;
                }
            }
            next = Math.max(next, d - 3);
        }
        return java.util.Arrays.copyOf(found, n);
    }
}
