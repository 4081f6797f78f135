package dev.bulwark.injection;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown and HTML links and images that could carry data out: a rendered image is fetched with no click, so an
 * image on a host outside the allow-list whose URL carries data (a placeholder for the model to fill in, a long or
 * encoded parameter value, a data-named parameter, a data-shaped path) is the classic zero-click exfiltration
 * channel. Short ordinary parameters ({@code ?w=800}, {@code ?style=flat}) are common on real pages and count little;
 * links need a click and count less still, unless they hold a placeholder.
 */
final class ExfiltrationLinks {
    private ExfiltrationLinks() {}

    private static final Pattern MARKDOWN = Pattern.compile(
            "(!?)\\[[^\\]\\n]{0,300}+\\]\\(\\s{0,3}<?((?:https?:)?//[^\\s)>]{1,2048}+)");
    private static final Pattern HTML = Pattern.compile(
            "(?i)<(img|image|a|iframe|script|link|source|video|audio|embed|object|form|input)\\b[^>]{0,500}?"
                    + "\\b(?:src|href|action|data|srcset|background|poster)\\s{0,3}=\\s{0,3}[\"']?((?:https?:)?//"
                    + "[^\\s\"'>]{1,2048}+)");
    private static final Pattern REFERENCE_IMAGE = Pattern.compile(
            "(?m)^\\s{0,3}\\[[^\\]\\n]{1,100}+\\]:\\s{0,3}((?:https?:)?//[^\\s]{1,2048}+)");
    private static final Pattern DATA_PARAMETER = Pattern.compile(
            "(?i)(?:^|&)(?:q|d|data|content|msg|message|text|prompt|chat|conversation|history|summary|secret|token"
                    + "|key|apikey|api_key|password|pass|pwd|email|mail|info|payload|exfil|leak|memory|context|notes?)"
                    + "=([^&#]{8,})");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)\\{[^}]{0,80}\\}|\\$\\{?[a-z_]|<[a-z_ ]{1,40}>|\\[[a-z_ ]{1,40}\\]|%7b|%3c|insert|placeholder"
                    + "|your_|_here\\b|\\b(?:data|secret|password|token|key|conversation|history|summary|email)=");

    static void scan(String text, int from, int to, DetectionSettings settings, FindingSink sink) {
        if (!Texts.contains(text, from, to, "//")) {
            return;
        }
        Matcher md = MARKDOWN.matcher(text).region(from, to);
        while (Texts.contains(text, from, to, "](") && md.find()) {
            judge(md.group(2), !md.group(1).isEmpty(), md.start(), md.end(), settings, sink);
        }
        Matcher html = HTML.matcher(text).region(from, to);
        while (Texts.contains(text, from, to, "<") && html.find()) {
            String tag = html.group(1).toLowerCase(java.util.Locale.ROOT);
            boolean autoLoads = !tag.equals("a") && !tag.equals("form");
            judge(html.group(2), autoLoads, html.start(), html.end(), settings, sink);
        }
        Matcher reference = REFERENCE_IMAGE.matcher(text).region(from, to);
        while (Texts.contains(text, from, to, "]:") && reference.find()) {
            judge(reference.group(1), false, reference.start(), reference.end(), settings, sink);
        }
    }

    private static void judge(String url, boolean autoLoads, int start, int end, DetectionSettings settings,
                              FindingSink sink) {
        String host = host(url);
        if (host.isEmpty() || settings.trusts(host)) {
            return;
        }
        int q = url.indexOf('?');
        String query = q >= 0 ? url.substring(q + 1) : "";
        String path = q >= 0 ? url.substring(0, q) : url;
        boolean placeholder = PLACEHOLDER.matcher(url.substring(Math.min(url.length(), 2 + host.length()))).find();
        boolean carriesData = dataLike(query) || longSegment(path);
        double score;
        String rule;
        if (autoLoads) {
            rule = "exfil.image";
            score = placeholder ? 0.9 : carriesData ? 0.75 : query.isEmpty() ? 0.05 : 0.15;
        } else {
            rule = "exfil.link";
            score = placeholder ? 0.6 : carriesData ? 0.1 : 0;
        }
        if (score > 0) {
            sink.add(InjectionSignal.EXFILTRATION_LINK, start, end, score, rule);
        }
    }

    /** A query that could hold data: a data-named parameter with a real value, or any long parameter value. */
    private static boolean dataLike(String query) {
        if (query.isEmpty()) {
            return false;
        }
        if (DATA_PARAMETER.matcher(query).find()) {
            return true;
        }
        for (String pair : query.split("&", 64)) {
            int eq = pair.indexOf('=');
            String value = eq >= 0 ? pair.substring(eq + 1) : pair;
            if (value.length() >= 32) {
                return true;
            }
        }
        return false;
    }

    /** A path segment long enough to hold data (an encoded blob rather than a page name). */
    private static boolean longSegment(String path) {
        int run = 0;
        for (int i = 0; i < path.length(); i++) {
            run = path.charAt(i) == '/' ? 0 : run + 1;
            if (run >= 48) {
                return true;
            }
        }
        return false;
    }

    static String host(String url) {
        int s = url.indexOf("//");
        if (s < 0) {
            return "";
        }
        s += 2;
        int e = s;
        while (e < url.length() && "/?#".indexOf(url.charAt(e)) < 0) {
            e++;
        }
        String authority = url.substring(s, e);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && authority.indexOf(']') < colon) {
            authority = authority.substring(0, colon);
        }
        return authority.toLowerCase(java.util.Locale.ROOT);
    }
}
