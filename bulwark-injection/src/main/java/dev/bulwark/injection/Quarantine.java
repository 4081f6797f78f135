package dev.bulwark.injection;

import dev.bulwark.spi.guard.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces suspected instructions with a marker. A rule matches a phrase, but the instruction around it (the action
 * the attacker wants) usually sits on the same line or between neighbouring findings, so spans are joined when close
 * and widened to whole lines, within bounds that keep unrelated content.
 */
final class Quarantine {
    private Quarantine() {}

    /** Findings weaker than this do not mark text for removal (they are context, e.g. "!!!"). */
    static final double MIN_FINDING_SCORE = 0.3;
    static final int JOIN_GAP = 600;
    static final int LINE_REACH = 400;

    static String apply(String text, List<Finding> findings, String marker) {
        List<int[]> spans = new ArrayList<>();
        findings.stream()
                .filter(f -> f.score() >= MIN_FINDING_SCORE && f.end() <= text.length())
                .sorted(Comparator.comparingInt(Finding::start))
                .forEach(f -> {
                    int[] last = spans.isEmpty() ? null : spans.getLast();
                    if (last != null && f.start() - last[1] <= JOIN_GAP) {
                        last[1] = Math.max(last[1], f.end());
                    } else {
                        spans.add(new int[] {f.start(), f.end()});
                    }
                });
        if (spans.isEmpty()) {
            return text;
        }
        List<int[]> widened = new ArrayList<>();
        for (int[] span : spans) {
            int start = lineStart(text, span[0]);
            int end = lineEnd(text, span[1]);
            int[] last = widened.isEmpty() ? null : widened.getLast();
            if (last != null && start <= last[1]) {
                last[1] = Math.max(last[1], end);
            } else {
                widened.add(new int[] {start, end});
            }
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int[] span : widened) {
            out.append(text, at, span[0]).append(marker);
            at = span[1];
        }
        return out.append(text, at, text.length()).toString();
    }

    private static int lineStart(String text, int from) {
        int limit = Math.max(0, from - LINE_REACH);
        int i = from;
        while (i > limit && text.charAt(i - 1) != '\n') {
            i--;
        }
        if (i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i))) {
            i--;
        }
        return i;
    }

    private static int lineEnd(String text, int from) {
        int limit = Math.min(text.length(), from + LINE_REACH);
        int i = from;
        while (i < limit && text.charAt(i) != '\n') {
            i++;
        }
        if (i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
