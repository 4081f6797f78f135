package dev.bulwark.server.resources;

import java.util.regex.Pattern;

/**
 * An RFC 6570 URI template, matched against concrete URIs to find the template a resource read belongs to. Literal
 * parts match exactly; a simple expression {@code {var}} matches one non-empty path segment (no {@code / ? #});
 * {@code {+var}} and {@code {#var}} match any non-empty text; {@code {?a,b}} and {@code {&a}} match an optional query
 * part. A template with a malformed or nested expression matches nothing.
 */
final class UriTemplate {
    /** Longest template considered; longer ones match nothing. */
    static final int MAX_CHARS = 2048;

    private final String template;
    private final Pattern pattern;

    private UriTemplate(String template, Pattern pattern) {
        this.template = template;
        this.pattern = pattern;
    }

    /** The template, or one that matches nothing when {@code template} is malformed or too long. */
    static UriTemplate of(String template) {
        return new UriTemplate(template, compile(template));
    }

    String template() {
        return template;
    }

    boolean matches(String uri) {
        return pattern != null && uri != null && uri.length() <= MAX_CHARS && pattern.matcher(uri).matches();
    }

    private static Pattern compile(String template) {
        if (template == null || template.isEmpty() || template.length() > MAX_CHARS) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = template.indexOf('}', i);
            if (open < 0) {
                if (close >= 0) {
                    return null;
                }
                regex.append(Pattern.quote(template.substring(i)));
                break;
            }
            if (close >= 0 && close < open) {
                return null;
            }
            if (open > i) {
                regex.append(Pattern.quote(template.substring(i, open)));
            }
            close = template.indexOf('}', open);
            if (close < 0 || template.substring(open + 1, close).indexOf('{') >= 0 || close == open + 1) {
                return null;
            }
            String expression = template.substring(open + 1, close);
            regex.append(switch (expression.charAt(0)) {
                case '+', '#' -> "(.+)";
                case '?', '&' -> "([?&][^#]*)?";
                case '/' -> "((?:/[^/?#]+)+)";
                case '.', ';' -> "([.;][^/?#]*)?";
                default -> "([^/?#]+)";
            });
            i = close + 1;
        }
        return Pattern.compile(regex.toString());
    }
}
