package dev.bulwark.documents.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts sanitized text into chunks of at most {@code maxChars} characters, preferring paragraph boundaries, then
 * sentence boundaries, then spaces, and splitting inside a word only when a word alone exceeds the limit. Consecutive
 * chunks share up to {@code overlapChars} characters of whole units so a fact cut at a boundary is found whole.
 */
public final class Chunker {
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\n{2,}");
    private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?;:])\\s+|\n");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    /** A chunk as the half-open span {@code [start, end)} of the text. */
    public record Span(int start, int end) {
        public Span {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("a span must be non-empty: " + start + ".." + end);
            }
        }

        public boolean overlaps(int otherStart, int otherEnd) {
            return otherStart < end && otherEnd > start;
        }
    }

    private final int maxChars;
    private final int overlapChars;

    public Chunker(int maxChars, int overlapChars) {
        if (maxChars < 50) {
            throw new IllegalArgumentException("chunk size must be at least 50 characters");
        }
        if (overlapChars < 0 || overlapChars > maxChars / 2) {
            throw new IllegalArgumentException("chunk overlap must be between 0 and half the chunk size");
        }
        this.maxChars = maxChars;
        this.overlapChars = overlapChars;
    }

    public List<Span> chunk(String text) {
        List<Span> units = new ArrayList<>();
        split(text, 0, text.length(), PARAGRAPH_BREAK, units, 0);
        List<Span> chunks = new ArrayList<>();
        int i = 0;
        while (i < units.size()) {
            int j = i + 1;
            while (j < units.size() && units.get(j).end() - units.get(i).start() <= maxChars) {
                j++;
            }
            int end = units.get(j - 1).end();
            chunks.add(new Span(units.get(i).start(), end));
            if (j == units.size()) {
                break;
            }
            int next = j;
            for (int k = i + 1; k < j; k++) {
                if (end - units.get(k).start() <= overlapChars) {
                    next = k;
                    break;
                }
            }
            i = next;
        }
        return chunks;
    }

    /** Splits {@code [from, to)} at {@code separator}, descending to finer separators for pieces that are too long. */
    private void split(String text, int from, int to, Pattern separator, List<Span> units, int level) {
        Matcher m = separator.matcher(text).region(from, to);
        int start = from;
        while (true) {
            boolean found = m.find();
            int end = found ? m.start() : to;
            addPiece(text, start, end, units, level);
            if (!found) {
                return;
            }
            start = m.end();
        }
    }

    private void addPiece(String text, int start, int end, List<Span> units, int level) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start >= end) {
            return;
        }
        if (end - start <= maxChars) {
            units.add(new Span(start, end));
        } else if (level == 0) {
            split(text, start, end, SENTENCE_BREAK, units, 1);
        } else if (level == 1) {
            split(text, start, end, SPACE, units, 2);
        } else {
            for (int s = start; s < end; s += maxChars) {
                int e = Math.min(end, s + maxChars);
                if (e < end && Character.isHighSurrogate(text.charAt(e - 1))) {
                    e--;
                }
                units.add(new Span(s, e));
                s = e - maxChars;
            }
        }
    }
}
