package dev.bulwark.injection;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown and HTML links and images that could carry data out: a rendered image is fetched with no click, so an
 * image on a host outside the allow-list whose URL carries data (a placeholder for the model to fill in, a parameter
 * value that decodes to words, a data-named parameter) is the classic zero-click exfiltration channel. Ordinary
 * parameters ({@code ?w=800}, signed CDN tokens) are common on real pages and count for next to nothing; links need a
 * click and count only when they hold a placeholder.
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
            "(?i)(?:^|&)(?:q|d|data|content|msg|message|text|prompt|chat|conversation|history|summary|secret"
                    + "|password|payload|exfil|leak|memory|context|notes?)=([^&#]{8,})");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)\\{[^}]{0,80}\\}|\\$\\{?[a-z_]|<[a-z_ ]{1,40}>|\\[[a-z_ ]{1,40}\\]|%7b|%3c|insert[ _-]?here"
                    + "|placeholder|your_[a-z]|_here\\b");

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
        int fragment = url.indexOf('#');
        String target = fragment >= 0 ? url.substring(0, fragment) : url;
        int q = target.indexOf('?');
        String query = q >= 0 ? target.substring(q + 1) : "";
        boolean placeholder = PLACEHOLDER.matcher(target.substring(Math.min(target.length(), 2 + host.length())))
                .find();
        if (autoLoads) {
            double score = placeholder ? 0.9 : carriesText(query) ? 0.75 : dataNamed(query) ? 0.5 : 0.05;
            if (!query.isEmpty() || placeholder) {
                sink.add(InjectionSignal.EXFILTRATION_LINK, start, end, score, "exfil.image");
            }
        } else if (placeholder) {
            sink.add(InjectionSignal.EXFILTRATION_LINK, start, end, 0.6, "exfil.link");
        }
    }

    /**
     * A parameter value that reads as text once decoded (words after percent-decoding, or base64 of text): what
     * exfiltrated conversation data looks like, unlike the random tokens of signed CDN URLs.
     */
    private static boolean carriesText(String query) {
        for (String pair : query.split("&", 64)) {
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.length() < 12) {
                continue;
            }
            String spaced = value.replace('+', ' ');
            String decoded = spaced.indexOf('%') >= 0 ? percentDecoded(spaced) : spaced;
            if (decoded != null && words(decoded) >= 3) {
                return true;
            }
            String base64 = EncodedPayloads.base64(value);
            if (base64 != null && EncodedPayloads.readable(base64) && words(base64) >= 2) {
                return true;
            }
        }
        return false;
    }

    private static boolean dataNamed(String query) {
        return DATA_PARAMETER.matcher(query).find();
    }

    private static String percentDecoded(String value) {
        try {
            return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetter(text.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        return words;
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
