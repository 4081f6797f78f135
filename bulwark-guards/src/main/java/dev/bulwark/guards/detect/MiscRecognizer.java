package dev.bulwark.guards.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ages ("a 42 year old", "aged 42", "turned 42"), postcodes named as such, and URLs. */
final class MiscRecognizer implements Recognizer {
    private static final Pattern AGE = Pattern.compile(
            "(?i)(?<![\\w.])(\\d{1,3})(?:[ -]?(?:years?|yrs?|y/?o)[ -]?old|[ -]year[ -]old|[ -]?y/o)(?![\\w])"
                    + "|(?:aged|age[: ]|age is|ages|age of|turn|turns|turned|turning)[ ]?(\\d{1,3})(?![\\w]|[.,]\\d)");
    private static final Pattern AGE_HINT = Pattern.compile("(?i)age|old|y/o|turn");
    private static final Pattern ZIP = Pattern.compile(
            "(?i)(?:zip|postal|post)[ ]?code[ ]?(?:is|:|#)?[ ]?([0-9]{3,6}(?:-[0-9]{3,4})?|[A-Z][0-9][A-Z][ ]?[0-9][A-Z][0-9]|"
                    + "[A-Z]{1,2}[0-9][A-Z0-9]?[ ][0-9][A-Z]{2})(?![\\w])");
    private static final Pattern URL = Pattern.compile(
            "(?i)(?<![\\w@.-])(?:https?://|www\\.)[\\w-]{1,63}+(?:\\.[\\w-]{1,63}+){0,8}+(?::\\d{1,5})?"
                    + "(?:/[^\\s<>\"'()\\[\\]{}|\\\\^`]{0,2000}+)?");

    @Override
    public void recognize(String text, Candidates out) {
        boolean ages = Digits.any(text) && AGE_HINT.matcher(text).find();
        Matcher m = AGE.matcher(text);
        while (ages && m.find()) {
            int g = m.group(1) != null ? 1 : 2;
            int age = Integer.parseInt(m.group(g));
            if (age <= 130) {
                out.add("AGE", m.start(g), m.end(g), 0.6, "age");
            }
        }
        if (Digits.any(text) && (text.contains("ode") || text.contains("ODE"))) {
            m = ZIP.matcher(text);
            while (m.find()) {
                out.add("ZIP_CODE", m.start(1), m.end(1), 0.6, "zip-code");
            }
        }
        if (text.indexOf("://") >= 0 || text.regionMatches(true, 0, "www.", 0, 4) || text.contains("www.")
                || text.contains("WWW.")) {
            m = URL.matcher(text);
            while (m.find()) {
                int end = m.end();
                while (end > m.start() && ".,;:!?".indexOf(text.charAt(end - 1)) >= 0) {
                    end--;
                }
                out.add("URL", m.start(), end, 0.6, "url");
            }
        }
    }
}
