package dev.bulwark.engine.writes;

import dev.bulwark.spi.Checks;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for the tools a name or glob matches: {@code crm.update_customer_note}, {@code crm.*} or {@code *}.
 * {@code *} stands for any run of characters, dots included.
 */
public record ToolRules(String tools, List<WriteRule> rules) {
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_*.-]{1,200}");

    public ToolRules {
        if (tools == null || !GLOB.matcher(tools).matches()) {
            throw new IllegalArgumentException("tool name or glob must be 1 to 200 of A-Z a-z 0-9 _ - . *, not '"
                    + tools + "'");
        }
        rules = List.copyOf(Checks.present(rules, "rules"));
    }

    public boolean appliesTo(String tool) {
        return glob(tools, 0, tool, 0);
    }

    private static boolean glob(String pattern, int p, String text, int t) {
        // iterative wildcard match with one backtrack point: linear in practice, no regex built from config
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
