package dev.bulwark.injection;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Invisible text: Unicode tag characters (which spell ASCII the reader cannot see), runs of variation selectors
 * (which can smuggle bytes behind one visible character), zero-width characters, bidi overrides and markup that
 * hides text. Smuggled payloads are handed back for a re-scan.
 */
final class HiddenText {
    private HiddenText() {}

    /** Receives the text hidden in {@code [start, end)} of the original, for scanning at the next depth. */
    interface Payloads {
        void decoded(int start, int end, String payload, InjectionSignal signal, double baseScore, String rule);
    }

    private static final Pattern HIDDEN_STYLE = Pattern.compile(
            "(?i)style\\s{0,3}=\\s{0,3}[\"'][^\"'>]{0,300}?(?:display\\s{0,3}:\\s{0,3}none|visibility\\s{0,3}:\\s{0,3}"
                    + "hidden|font-size\\s{0,3}:\\s{0,3}0(?:px|pt|em)?\\s{0,3}[;\"']|opacity\\s{0,3}:\\s{0,3}0"
                    + "(?:\\.0+)?\\s{0,3}[;\"'])");

    static void scan(String text, int from, int to, FindingSink sink, Payloads payloads) {
        int zeroWidth = 0;
        int firstZeroWidth = -1;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c < 0xAD) {
                i++;
                continue;
            }
            int cp = text.codePointAt(i);
            int next = Math.min(to, i + Character.charCount(cp));
            if (cp >= 0xE0000 && cp <= 0xE007F) {
                i = tagRun(text, i, to, sink, payloads);
                continue;
            }
            if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
                i = selectorRun(text, i, to, sink, payloads);
                continue;
            }
            if (cp == 0x202D || cp == 0x202E) {
                sink.add(InjectionSignal.HIDDEN_TEXT, i, next, 0.4, "hidden.bidi-override");
            } else if ((cp >= 0x202A && cp <= 0x202C) || (cp >= 0x2066 && cp <= 0x2069)) {
                sink.add(InjectionSignal.HIDDEN_TEXT, i, next, 0.1, "hidden.bidi-control");
            } else if (zeroWidth(cp) && !(cp == 0x200D && nearEmoji(text, i, from, to))
                    && !(cp == 0xFEFF && i == 0)) {
                zeroWidth++;
                if (firstZeroWidth < 0) {
                    firstZeroWidth = i;
                }
            }
            i = next;
        }
        if (zeroWidth >= 3) {
            sink.add(InjectionSignal.HIDDEN_TEXT, firstZeroWidth, firstZeroWidth + 1, zeroWidth >= 8 ? 0.4 : 0.25,
                    "hidden.zero-width");
        } else if (zeroWidth > 0) {
            sink.add(InjectionSignal.HIDDEN_TEXT, firstZeroWidth, firstZeroWidth + 1, 0.1, "hidden.zero-width");
        }
        if (!Texts.containsIgnoreCase(text, from, to, "style")) {
            return;
        }
        Matcher style = HIDDEN_STYLE.matcher(text).region(from, to);
        if (style.find()) {
            sink.add(InjectionSignal.HIDDEN_TEXT, style.start(), style.end(), 0.25, "hidden.css");
        }
    }

    private static int tagRun(String text, int start, int to, FindingSink sink, Payloads payloads) {
        StringBuilder ascii = new StringBuilder();
        int i = start;
        while (i < to) {
            int cp = text.codePointAt(i);
            if (cp < 0xE0000 || cp > 0xE007F) {
                break;
            }
            if (cp >= 0xE0020 && cp <= 0xE007E) {
                ascii.append((char) (cp - 0xE0000));
            }
            i += Character.charCount(cp);
        }
        // emoji subdivision flags (England, Scotland, Wales) are a black flag followed by a few tags and a cancel tag
        boolean flag = start >= 2 && text.codePointBefore(start) == 0x1F3F4 && ascii.length() <= 7
                && text.codePointBefore(i) == 0xE007F;
        if (!flag && ascii.length() > 0) {
            payloads.decoded(start, i, ascii.toString(), InjectionSignal.HIDDEN_TEXT, 0.6, "hidden.unicode-tags");
        }
        return i;
    }

    private static int selectorRun(String text, int start, int to, FindingSink sink, Payloads payloads) {
        StringBuilder bytes = new StringBuilder();
        int count = 0;
        int i = start;
        while (i < to) {
            int cp = text.codePointAt(i);
            int value;
            if (cp >= 0xFE00 && cp <= 0xFE0F) {
                value = cp - 0xFE00;
            } else if (cp >= 0xE0100 && cp <= 0xE01EF) {
                value = cp - 0xE0100 + 16;
            } else {
                break;
            }
            bytes.append((char) value);
            count++;
            i += Character.charCount(cp);
        }
        // one or two selectors pick an emoji or glyph presentation; longer runs carry data
        if (count >= 4) {
            payloads.decoded(start, i, latin1ToUtf8(bytes), InjectionSignal.HIDDEN_TEXT, 0.6,
                    "hidden.variation-selectors");
        }
        return i;
    }

    private static String latin1ToUtf8(StringBuilder bytes) {
        byte[] raw = new byte[bytes.length()];
        for (int k = 0; k < raw.length; k++) {
            raw[k] = (byte) bytes.charAt(k);
        }
        return new String(raw, java.nio.charset.StandardCharsets.UTF_8);
    }

    static boolean zeroWidth(int cp) {
        return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x180E
                || (cp >= 0x2061 && cp <= 0x2064) || cp == 0x00AD || cp == 0x034F || cp == 0x115F || cp == 0x1160
                || cp == 0x3164 || cp == 0xFFA0;
    }

    private static boolean nearEmoji(String text, int i, int from, int to) {
        return (i > from && emojiLike(text.codePointBefore(i)))
                || (i + 1 < to && emojiLike(text.codePointAt(i + 1)));
    }

    private static boolean emojiLike(int cp) {
        return cp >= 0x1F000 || (cp >= 0x2600 && cp <= 0x27BF) || cp == 0xFE0F
                || Character.getType(cp) == Character.OTHER_SYMBOL;
    }
}
