package dev.bulwark.injection;

import static dev.bulwark.injection.PatternRule.phrase;

import java.util.List;

/**
 * The strongest English attack phrases, matched on letters alone, for text whose word breaks were removed or hidden
 * ("i g n o r e p r e v i o u s", words glued by zero-width spaces). These rules run only on windows that show such
 * gluing, since without word breaks ordinary words can run into each other.
 */
final class CompactPhrases {
    private CompactPhrases() {}

    private static final String VERB = "(?:ignore|disregard|forget|override|bypass|discard)";
    private static final String FILL = "(?:all|any|every|the|your|of|my|these|those|and)";
    private static final String PRIOR = "(?:previous|prior|preceding|above|earlier|initial|original|system|old)";
    private static final String RULES = "(?:instructions?|directions?|directives?|guidelines?|guardrails?|prompts?"
            + "|rules)";

    static List<PatternRule> rules() {
        return List.of(
                phrase("compact.ignore-prior-instructions", 0.9,
                        VERB + FILL + "{0,3}" + PRIOR + "{1,2}" + RULES, "ignor", "disregard", "forget", "overrid",
                        "bypass", "discard"),
                phrase("compact.forget-everything", 0.7,
                        "(?:ignore|disregard|forget)(?:everything|anything)(?:youwere|youhavebeen|above|before"
                                + "|previously|saidabove)",
                        "ignor", "disregard", "forget"),
                phrase("compact.leak-system-prompt", 0.7,
                        "(?:reveal|print|show|output|repeat|leak|disclose|dump)(?:me|us)?(?:your|the)(?:full|entire"
                                + "|hidden|secret|initial|original){0,2}(?:systemprompt|systemmessage"
                                + "|systeminstructions|hiddeninstructions|initialinstructions)",
                        "system", "instruction"),
                phrase("compact.you-are-now", 0.6,
                        "youarenow(?:an?|in)?(?:unrestricted|unfiltered|uncensored|jailbroken|dan|developermode"
                                + "|godmode)",
                        "youarenow"),
                phrase("compact.hide-from-user", 0.6,
                        "(?:donot|dont|never)(?:tell|inform|mention|reveal|notify)(?:this|it|anything)?(?:to)?"
                                + "(?:theuser|thehuman|youruser)",
                        "theuser", "thehuman", "youruser"),
                phrase("compact.new-instructions", 0.45,
                        "your(?:new|real|actual|true|updated)(?:instructions?|task|goal|objective|mission)(?:is|are)",
                        "your"));
    }
}
