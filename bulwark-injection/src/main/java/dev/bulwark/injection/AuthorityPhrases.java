package dev.bulwark.injection;

import static dev.bulwark.injection.PatternRule.phrase;

import java.util.List;

/**
 * English phrasing that claims authority or permission, or speaks about the model in the third person: "the agent
 * must ...", "when an AI reads this it should ...", "the user has already approved this", "no need to confirm",
 * "SYSTEM OVERRIDE", "new directive from your operator", "you have been granted elevated permissions", "ignore the
 * task above". These are the families of published injection corpora that do not mention "instructions".
 */
final class AuthorityPhrases {
    private AuthorityPhrases() {}

    private static final String MODEL = "(?:ai|a\\.i\\.|ai assistant|ai agent|assistant|agent|model|language model|llm"
            + "|chatbot|bot|copilot|gpt|chatgpt)";
    private static final String ACT = "(?:send|transfer|wire|pay|forward|e-?mail|mail|post|upload|share|publish|leak"
            + "|reveal|print|output|delete|remove|erase|wipe|drop|update|change|modify|set|reset|grant|invite|add"
            + "|create|call|invoke|run|execute|use|open|visit|click|download|install|copy|move|export|write|append"
            + "|insert|replace|overwrite|approve|cancel|disable|enable|ignore|disregard|forget|mark|include|paste"
            + "|attach|tell|give)";

    static List<PatternRule> rules() {
        return List.of(
                phrase("en.model-must-act", 0.5,
                        "\\b(?:the|any|every|each|this|an?) " + MODEL + "s? (?:(?:reading|processing|summari[sz]ing"
                                + "|handling|parsing) (?:this|these|the)[a-z ]{0,30} )?(?:must|should|shall|needs? to"
                                + "|has to|have to|is (?:required|expected|instructed|supposed) to|will now)"
                                + " (?:(?:now|immediately|also|first|then|quietly|silently) )?" + ACT + "\\b",
                        " must", " should", " shall", " need", " has to", " have to", " is required",
                        " is expected", " is instructed", " is supposed", " will now"),
                phrase("en.when-model-reads", 0.7,
                        "\\b(?:when|once|if|as soon as|whenever) (?:an?|the|any) " + MODEL + "s? (?:reads|sees"
                                + "|processes|summari[sz]es|parses|encounters|finds|is reading|opens) (?:this|these"
                                + "|the following)\\b",
                        "reads this", "sees this", "processes this", "summarises this", "summarizes this",
                        "parses this", "encounters this", "finds this", "is reading this", "opens this",
                        "reads these", "sees these", "the following"),
                phrase("en.note-to-model", 0.5,
                        "\\b(?:p\\.?s\\.?|note|message|memo|instructions?|reminder) (?:to|for) (?:the|any|all|every)"
                                + " (?:ai |automated |autonomous )?(?:assistant|agent|bot|model|reader|summari[sz]er)s?"
                                + " (?:reading|processing|summari[sz]ing|handling|parsing|that reads|who reads)\\b",
                        " to the", " for the", " to any", " for any", " to all", " for all", " to every",
                        " for every"),
                phrase("en.automated-readers", 0.55,
                        "\\b(?:instructions?|note|message) (?:to|for) (?:automated|autonomous|ai|llm|machine)"
                                + " (?:readers?|agents?|systems?|assistants?|tools?)\\b",
                        "automated", "autonomous", " ai ", " llm ", "machine"),
                phrase("en.already-approved", 0.45,
                        "\\b(?:the|your) (?:user|owner|customer|admin|administrator|operator|human)s? (?:has|have)"
                                + " (?:already )?(?:approved|authori[sz]ed|confirmed|consented to|allowed|requested|"
                                + "pre-?approved|signed off on) (?:this|it|the following|that you)\\b",
                        "approved", "authorised", "authorized", "confirmed", "consented", "allowed", "requested",
                        "signed off"),
                phrase("en.no-need-to-confirm", 0.3,
                        "\\bno need to (?:confirm|ask|check|verify|double-check|wait)\\b"
                                + "|\\b(?:do not|don't|dont|never) (?:ask|check) (?:for|with) (?:confirmation|approval"
                                + "|permission|the user)\\b",
                        "no need to", "not ask", "n't ask", "nt ask", "never ask", "not check", "n't check",
                        "nt check", "never check"),
                phrase("en.override-header", 0.5,
                        "\\b(?:system|admin|administrator|developer|security|emergency|root) (?:override|directive"
                                + "|command|protocol|mode enabled)\\b|\\bnew (?:directive|orders?|protocol)\\b"
                                + "|\\bpriority (?:directive|override|orders?)\\b",
                        "override", "directive", "command", "protocol", "mode enabled", "order"),
                phrase("en.directive-from-authority", 0.6,
                        "\\b(?:directive|orders?|instructions?|command|message|request) from (?:your|the) (?:operator"
                                + "|developers?|administrator|admin|owner|creators?|system|security team"
                                + "|it department)\\b",
                        " from your", " from the"),
                phrase("en.granted-permissions", 0.6,
                        "\\byou (?:have been|are now|were|'ve been) (?:granted|given|assigned) (?:elevated|admin"
                                + "|administrator|root|full|unrestricted|special|superuser|developer) (?:permissions?"
                                + "|privileges?|access|rights|clearance|mode)\\b",
                        "you have been", "you are now", "you were", "you've been"),
                phrase("en.ignore-the-task", 0.8,
                        "\\b(?:ignore|disregard|forget|abandon|drop|skip) (?:the|your|this|that|my|any|all) (?:current"
                                + " |original |previous |prior |earlier |assigned |user's |given )?(?:task|request"
                                + "|question|job|assignment|goal|objective|summary|conversation)s? (?:above|before"
                                + "|given|you were given|you received|at hand|so far)\\b"
                                + "|\\b(?:ignore|disregard|forget|abandon) (?:the|your|this|that) (?:current |original"
                                + " |previous |prior |earlier |assigned |user's )?(?:task|request|assignment|goal"
                                + "|objective)s?[;,.:] ?(?:instead|now|rather)\\b",
                        "ignor", "disregard", "forget", "abandon", "drop", "skip"));
    }
}
