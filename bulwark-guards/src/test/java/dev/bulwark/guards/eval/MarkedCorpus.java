package dev.bulwark.guards.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a hand-labelled corpus: samples separated by lines starting with {@code "===== "} (the rest of the line
 * names the kind of text), comment lines starting with {@code #} before the first sample, and labelled spans written
 * in place as {@code ⟪TYPE|text⟫}. The markers are removed and the spans' offsets computed in the plain text.
 */
final class MarkedCorpus {
    private MarkedCorpus() {}

    /** One sample: the kind of text it is, and its plain text with labels. */
    record Sample(String kind, LabelledText labelled) {
    }

    static List<Sample> read(InputStream in) throws IOException {
        String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        List<Sample> out = new ArrayList<>();
        String kind = null;
        StringBuilder body = new StringBuilder();
        for (String line : all.split("\n", -1)) {
            if (line.startsWith("===== ")) {
                if (kind != null) {
                    out.add(parse(kind, body));
                }
                kind = line.substring(6).trim();
                body.setLength(0);
            } else if (kind != null) {
                body.append(line).append('\n');
            } else if (!line.startsWith("#") && !line.isBlank()) {
                throw new IOException("text before the first sample: " + line);
            }
        }
        if (kind != null) {
            out.add(parse(kind, body));
        }
        return out;
    }

    static Sample parse(String kind, CharSequence marked) throws IOException {
        String s = marked.toString().stripTrailing();
        StringBuilder text = new StringBuilder();
        List<LabelledText.GoldSpan> spans = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf('⟪', i);
            if (open < 0) {
                text.append(s, i, s.length());
                break;
            }
            int bar = s.indexOf('|', open);
            int close = s.indexOf('⟫', open);
            if (bar < 0 || close < bar || s.indexOf('⟪', open + 1) >= 0 && s.indexOf('⟪', open + 1) < close) {
                throw new IOException("malformed label in " + kind + " at " + open);
            }
            text.append(s, i, open);
            int start = text.length();
            text.append(s, bar + 1, close);
            spans.add(new LabelledText.GoldSpan(s.substring(open + 1, bar), start, text.length()));
            i = close + 1;
        }
        return new Sample(kind, new LabelledText(text.toString(), spans));
    }
}
