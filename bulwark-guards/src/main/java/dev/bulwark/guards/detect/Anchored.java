package dev.bulwark.guards.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a pattern only at the starts a {@link TextShape} offers, with {@code region} and {@code lookingAt}. Gives the
 * same matches as a {@code find()} loop over the whole text as long as every index where a match can begin is
 * offered: starts are tried in text order, a start inside the previous match is skipped (as {@code find()} resumes
 * at the previous end), and bounds are transparent so lookbehinds and lookaheads see the text around the region.
 */
final class Anchored {
    private Anchored() {}

    /** A cheap necessary condition for a match at {@code i}, checked before the regex runs. */
    @FunctionalInterface
    interface Start {
        boolean possibleAt(int i);
    }

    @FunctionalInterface
    interface Hit {
        void found(Matcher m);
    }

    static final Start ANYWHERE = i -> true;
    private static final int[] NONE = new int[0];

    static void scan(Pattern pattern, TextShape shape, int kinds, Start start, Hit hit) {
        scan(pattern, shape, kinds, NONE, start, hit);
    }

    /**
     * As {@link #scan(Pattern, TextShape, int, Start, Hit)}, also trying the ascending indices {@code extra} (starts
     * that no kind describes, such as a keyword inside a word); {@code start} is not applied to them.
     */
    static void scan(Pattern pattern, TextShape shape, int kinds, int[] extra, Start start, Hit hit) {
        if (!shape.has(kinds) && extra.length == 0) {
            return;
        }
        if (extra.length == 0 && Integer.bitCount(kinds) == 1) {
            scanOne(pattern, shape, shape.startsOf(kinds), start, hit);
            return;
        }
        Attempts attempts = new Attempts(pattern, shape.text(), hit);
        int k = 0;
        int x = 0;
        int n = shape.count();
        while (k < n || x < extra.length) {
            int i;
            boolean checked;
            if (x < extra.length && (k >= n || extra[x] <= shape.start(k))) {
                i = extra[x++];
                checked = true;
                if (k < n && shape.start(k) == i) {
                    k++;
                }
            } else {
                i = shape.start(k);
                checked = (shape.kind(k) & kinds) != 0 && start.possibleAt(i);
                k++;
            }
            if (checked) {
                attempts.tryAt(i);
            }
        }
    }

    /** The loop above for the starts of a single kind, which most patterns ask for: no kind test per start. */
    private static void scanOne(Pattern pattern, TextShape shape, int[] starts, Start start, Hit hit) {
        Attempts attempts = new Attempts(pattern, shape.text(), hit);
        for (int i : starts) {
            if (!attempts.skips(i) && start.possibleAt(i)) {
                attempts.tryAt(i);
            }
        }
    }

    /** Anchored attempts in text order; a start inside the previous match is skipped, as {@code find()} resumes. */
    private static final class Attempts {
        private final Pattern pattern;
        private final String text;
        private final Hit hit;
        private Matcher m;
        private int resume;

        Attempts(Pattern pattern, String text, Hit hit) {
            this.pattern = pattern;
            this.text = text;
            this.hit = hit;
        }

        boolean skips(int i) {
            return i < resume;
        }

        void tryAt(int i) {
            if (i < resume) {
                return;
            }
            if (m == null) {
                m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            }
            m.region(i, text.length());
            if (m.lookingAt()) {
                resume = m.end() > m.start() ? m.end() : m.end() + 1;
                hit.found(m);
            }
        }
    }
}
