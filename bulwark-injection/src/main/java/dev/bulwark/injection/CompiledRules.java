package dev.bulwark.injection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Rules with their anchors resolved to shared indexes. Which anchors a window contains is found in one pass over the
 * window (anchors indexed by their first two characters), not by one search of the window per anchor. Thread-safe.
 */
final class CompiledRules {
    private final List<PatternRule> rules;
    private final String[] anchors;
    private final int[][] anchorIds;
    private final AnchorIndex anchorIndex;

    CompiledRules(List<PatternRule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, Integer> ids = new LinkedHashMap<>();
        this.anchorIds = new int[rules.size()][];
        for (int r = 0; r < rules.size(); r++) {
            List<String> a = rules.get(r).anchors();
            anchorIds[r] = new int[a.size()];
            for (int k = 0; k < a.size(); k++) {
                anchorIds[r][k] = ids.computeIfAbsent(a.get(k), x -> ids.size());
            }
        }
        this.anchors = ids.keySet().toArray(String[]::new);
        this.anchorIndex = new AnchorIndex(anchors);
    }

    void run(String folded, NormalizedText window, FindingSink sink, int matchesPerRule) {
        boolean[] present = anchorIndex.present(folded);
        boolean cyrillic = false;
        boolean cjk = false;
        for (int i = 0; i < folded.length() && !(cyrillic && cjk); i++) {
            char c = folded.charAt(i);
            if (c >= 0x0400) {
                cyrillic |= c <= 0x04FF;
                cjk |= (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
            }
        }
        for (int r = 0; r < rules.size(); r++) {
            PatternRule rule = rules.get(r);
            boolean applies = switch (rule.script()) {
                case LATIN -> anyAnchor(anchorIds[r], present);
                case CYRILLIC -> cyrillic;
                case CJK -> cjk;
            };
            if (!applies) {
                continue;
            }
            Matcher m = rule.pattern().matcher(folded);
            if (rule.matchStartsAtAnchor()) {
                matchAtAnchors(rule, r, m, folded, window, sink, matchesPerRule);
                continue;
            }
            int found = 0;
            while (found < matchesPerRule && m.find()) {
                if (m.end() == m.start()) {
                    continue;
                }
                found++;
                sink.add(rule.signal(), window.originalStart(m.start()), window.originalEnd(m.end()),
                        rule.weight(), rule.id());
            }
        }
    }

    /** Tries the rule only where one of its anchors occurs: the regex runs a handful of times, not per char. */
    private void matchAtAnchors(PatternRule rule, int r, Matcher m, String folded, NormalizedText window,
                                FindingSink sink, int matchesPerRule) {
        m.useTransparentBounds(true).useAnchoringBounds(false);
        int found = 0;
        for (int id : anchorIds[r]) {
            String anchor = anchors[id];
            for (int at = folded.indexOf(anchor); at >= 0 && found < matchesPerRule;
                    at = folded.indexOf(anchor, at + 1)) {
                m.region(at, folded.length());
                if (m.lookingAt() && m.end() > m.start()) {
                    found++;
                    sink.add(rule.signal(), window.originalStart(m.start()), window.originalEnd(m.end()),
                            rule.weight(), rule.id());
                }
            }
        }
    }

    private static boolean anyAnchor(int[] ids, boolean[] present) {
        for (int id : ids) {
            if (present[id]) {
                return true;
            }
        }
        return false;
    }
}
