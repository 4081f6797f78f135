package dev.bulwark.guards.eval;

import java.util.List;
import java.util.Objects;

/** One evaluation sample: a text and its gold spans. */
public record LabelledText(String text, List<GoldSpan> spans) {
    public LabelledText {
        Objects.requireNonNull(text, "text");
        spans = List.copyOf(spans);
        for (GoldSpan s : spans) {
            if (s.end() > text.length()) {
                throw new IllegalArgumentException("gold span " + s + " runs past the text (" + text.length() + ")");
            }
        }
    }

    /** A labelled span {@code [start, end)} of a sample's text. */
    public record GoldSpan(String type, int start, int end) {
        public GoldSpan {
            Objects.requireNonNull(type, "type");
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad gold span " + start + ".." + end);
            }
        }
    }
}
