package dev.bulwark.documents.sanitize;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Decides whether an element would be invisible to a human reader, judging only its own attributes and inline
 * style (no style sheets): {@code hidden}, {@code aria-hidden="true"}, {@code display:none}, {@code visibility:hidden},
 * zero font size or opacity, transparent text, and text coloured like its background.
 */
final class HiddenElements {
    private static final Pattern ZERO_SIZE = Pattern.compile(
            "(?:^|;)(?:font-size|opacity|max-height|height|width|max-width):0(?:\\.0*)?(?:px|pt|em|rem|%|vh|vw)?(?:!important)?(?:;|$)");
    private static final Pattern COLOR = Pattern.compile("(?:^|;)color:([^;!]+)");
    private static final Pattern BACKGROUND = Pattern.compile("(?:^|;)background(?:-color)?:([^;!]+)");

    private HiddenElements() {}

    static boolean hidden(Element element) {
        if (element.hasAttr("hidden") || "true".equalsIgnoreCase(element.attr("aria-hidden").strip())) {
            return true;
        }
        if (element.normalName().equals("input") && "hidden".equalsIgnoreCase(element.attr("type").strip())) {
            return true;
        }
        String style = compact(element.attr("style"));
        if (style.isEmpty()) {
            return false;
        }
        if (style.contains("display:none") || style.contains("visibility:hidden")
                || style.contains("visibility:collapse") || ZERO_SIZE.matcher(style).find()) {
            return true;
        }
        var color = COLOR.matcher(style);
        if (!color.find()) {
            return false;
        }
        String foreground = colour(color.group(1));
        if (foreground.equals("transparent")) {
            return true;
        }
        String background = backgroundOf(element);
        return foreground.equals(background);
    }

    /** The nearest declared background colour of the element or an ancestor; white when none is declared. */
    private static String backgroundOf(Element element) {
        for (Element e = element; e != null; e = e.parent()) {
            var background = BACKGROUND.matcher(compact(e.attr("style")));
            if (background.find()) {
                return colour(background.group(1));
            }
        }
        return "white";
    }

    private static String compact(String style) {
        return style.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    private static String colour(String value) {
        return switch (value) {
            case "#fff", "#ffffff", "#ffff", "#ffffffff", "white", "rgb(255,255,255)", "rgba(255,255,255,1)" -> "white";
            case "#000", "#000000", "black", "rgb(0,0,0)" -> "black";
            case "rgba(0,0,0,0)" -> "transparent";
            default -> value;
        };
    }
}
