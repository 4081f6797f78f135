package dev.bulwark.injection;

import static dev.bulwark.injection.PatternRule.leading;
import static dev.bulwark.injection.PatternRule.phrase;

import java.util.List;

/**
 * English attack phrasing, matched on normalized text (lower case, single spaces, no accents). The families follow
 * published injection corpora: overriding prior instructions, addressing the model, urgency, concealment from the
 * user, leaking the system prompt and steering tool use. Weights: a phrase that is an attack on its own is near 0.9; a
 * phrase that also occurs in ordinary mail is kept below 0.5 so it only counts together with other evidence.
 */
final class EnglishPhrases {
    private EnglishPhrases() {}

    private static final String IGNORE_VERB =
            "(?:ignore|ignoring|disregard|forget|overlook|bypass|override|discard|abandon|neglect|skip)";
    private static final String QUALIFIER = "(?:all|any|every|each|the|your|my|our|these|those|of|previous|prior"
            + "|preceding|above|earlier|initial|original|old|system|existing|current|other|given|foregoing|mentioned"
            + "|before|developer|default|safety|and|that|you|were|have|been|received|instructed)";
    private static final String PRIOR = "(?:previous|previously|prior|preceding|above|earlier|initial|original"
            + "|foregoing|all|any|every|your)";
    // stems, with room for a misspelt prefix: attackers misspell ("iunstructions") to slip past exact lists. Words
    // such as command, rule, policy or prompt are left out: "ignore any commands", "ignore all rules" (linters) and
    // "ignore all prompts" (installers) are everyday technical text.
    private static final String RULE_NOUN = "[a-z]{0,6}(?:struc|direction|directive|guideline|guardrail)[a-z]{0,10}";
    private static final String PROMPT_PRIOR = "(?:previous|previously|prior|preceding|above|earlier|initial|original"
            + "|your|system)";
    private static final String AI = "(?:ai|a\\.i\\.|artificial intelligence|llms?|large language models?"
            + "|(?:ai )?language models?|ai (?:assistant|agent|model|system|bot)s?|chatbots?|gpt[-0-9.o]{0,6}|chatgpt"
            + "|claude|gemini|copilot|llama|mistral|mixtral|qwen|deepseek|grok|command-r|bard)";
    private static final String AI_OR_ROLE = "(?:" + AI.substring(3, AI.length() - 1)
            + "|assistant|agent|model|bot|autonomous agent)";
    // names that are also people's names (Claude, Gemini) are left out where a greeting could address a person
    private static final String AI_GREETED = "(?:ai|a\\.i\\.|artificial intelligence|llms?|large language models?"
            + "|(?:ai )?language models?|ai (?:assistant|agent|model|system|bot)s?|chatbots?|gpt[-0-9.o]{0,6}|chatgpt)";
    private static final String AI_ONLY = "(?:" + AI.substring(3, AI.length() - 1) + "|autonomous agent)";

    private static final String VERB_OF_ACTION = "(?:send|transfer|wire|pay|forward|email|e-mail|mail|post|upload"
            + "|share|publish|leak|reveal|print|output|delete|remove|erase|wipe|drop|update|change|modify|set|reset"
            + "|grant|invite|add|create|call|invoke|run|execute|use|open|visit|click|download|install|copy|move|export"
            + "|write|append|insert|replace|overwrite|approve|cancel|book|schedule|disable|enable|ignore|disregard"
            + "|forget|stop|reply|respond|tell|give)";

    static List<PatternRule> rules() {
        return List.of(
                leading("en.ignore-prior-instructions", 0.9,
                        IGNORE_VERB + " (?:" + QUALIFIER + " ){0,4}" + PRIOR + " (?:" + QUALIFIER + " ){0,3}"
                                + RULE_NOUN + "|" + IGNORE_VERB + " (?:(?:all|any|the|your|these|those|of) ){0,2}"
                                + RULE_NOUN + " (?:above|before|given (?:to you )?(?:above|before|earlier|previously)"
                                + "|you (?:were|have been) given|you received)|" + IGNORE_VERB + " (?:" + QUALIFIER
                                + " ){0,3}" + PROMPT_PRIOR + " (?:system )?prompts?\\b",
                        "ignor", "disregard", "forget", "overlook", "bypass", "overrid", "discard", "abandon",
                        "neglect", "skip"),
                leading("en.ignore-instructions", 0.25,
                        "(?:ignore|disregard|forget|override|bypass) (?:(?:the|these|those|this|my|of|any|all) ){0,2}"
                                + "[a-z]{0,6}(?:instruc|prompt|guideline|guardrail)[a-z]{0,10}",
                        "ignor", "disregard", "forget", "overrid", "bypass"),
                leading("en.forget-everything", 0.7,
                        "(?:ignore|disregard|forget) (?:everything|anything|all)(?: (?:that|which))? (?:you (?:were"
                                + "|have been|was|are) (?:told|given|instructed|taught)|(?:said |written )?(?:above"
                                + "|before|previously))",
                        "ignor", "disregard", "forget"),
                phrase("en.new-instructions", 0.25,
                        "\\b(?:new|updated|revised|real|actual|true|secret|hidden) (?:system )?(?:instructions?"
                                + "|directives?)\\b",
                        "instruc", "directive"),
                phrase("en.your-new-task", 0.7,
                        "\\byour (?:new|real|actual|true|updated|only|primary|current) (?:instructions?|task|goal"
                                + "|objective|mission|purpose|directives?|role) (?:is|are|will be|:|now)",
                        "your "),
                phrase("en.you-must-now", 0.45,
                        "\\byou (?:must|are (?:required|instructed|ordered) to) (?:now|immediately|instead|urgently"
                                + "|from now on)\\b",
                        "you must", "you are required", "you are instructed", "you are ordered"),
                phrase("en.you-should-now", 0.2,
                        "\\byou (?:should|need to|have to|are (?:expected|supposed) to|will) (?:now|immediately|instead"
                                + "|first|urgently|from now on)\\b",
                        "you should", "you need to", "you have to", "you are expected", "you are supposed", "you will"),
                phrase("en.you-must-act", 0.25,
                        "\\byou (?:must|should|need to|have to|are required to) (?:immediately |now |first |also )?"
                                + "(?:send|transfer|forward|email|post|upload|share|delete|invite|visit|click|run"
                                + "|execute|call|pay|reply|respond|stop|disregard|ignore|grant|reveal|print|output)\\b",
                        "you must", "you should", "you need to", "you have to", "you are required"),
                phrase("en.from-now-on", 0.35,
                        "\\bfrom now on,? (?:you|your|the assistant|the ai|the model|always|never|only|respond"
                                + "|answer|reply|act)\\b",
                        "from now on"),
                phrase("en.you-are-now", 0.6,
                        "\\byou are now (?:an? |in |the |my )?(?:unrestricted|unfiltered|uncensored|jailbroken"
                                + "|dan\\b|developer mode|evil|root|god mode)",
                        "you are now"),
                phrase("en.special-mode", 0.65,
                        "\\b(?:enable|enter|activate|switch to|switching to|entering|enabled|activated|now in) (?:the )?"
                                + "(?:god|jailbreak|jailbroken|dan|unrestricted|unfiltered|evil) mode\\b"
                                + "|\\byou are (?:now )?in developer mode\\b",
                        " mode"),
                phrase("en.jailbreak", 0.25, "\\b(?:jailbreak|jailbroken|do anything now)\\b", "jailbr",
                        "do anything now"),
                phrase("en.important-message", 0.45,
                        "(?:this is|here is|here's) an? (?:very |extremely |urgent |critical )?(?:important|urgent"
                                + "|critical|priority|official) (?:message|note|notice|instruction|update|request"
                                + "|information) (?:from|for|to)\\b",
                        "important", "urgent", "critical", "priority", "official"),
                phrase("en.to-you-the-ai", 0.6, "to you,? (?:the |an? |my |our |dear )?" + AI_OR_ROLE + "\\b",
                        "to you"),
                phrase("en.greeting-ai", 0.55,
                        "\\b(?:dear|attention|attn:?|hey|hi|hello|note to|message (?:to|for)|instructions? (?:to|for)"
                                + "|memo to),? (?:the |an? |all |any |our |my )?" + AI_GREETED + "\\b",
                        " ai", "a.i.", "artificial", "llm", "language model", "chatbot", "gpt", "claude", "gemini",
                        "copilot"),
                phrase("en.if-you-are-ai", 0.7,
                        "\\bif you(?: are|'re) (?:an? |the )?" + AI_ONLY + "\\b", "if you"),
                phrase("en.ai-reading-this", 0.7,
                        "\\b" + AI_ONLY + "s? (?:that is |who is |which is |that's )?(?:reading|processing|parsing"
                                + "|summari[sz]ing|analy[sz]ing|scanning|browsing|seeing|crawling|reviewing) this\\b",
                        "ing this"),
                phrase("en.before-you-can-do-the-task", 0.5,
                        "\\b(?:before|prior to) you (?:can|may|are able to|are allowed to) (?:solv|complet|finish"
                                + "|continu|answer|proceed|perform|respond|summari[sz]|do|start)[a-z]{0,4} (?:with )?"
                                + "(?:the|your|this|my|any|that) (?:original |current |actual |user'?s? |assigned |main )?"
                                + "(?:task|request|question|job|assignment|query|instructions?|mission|prompt)\\b"
                                + "|\\bafter you (?:do|complete|have done|finish|are done with) (?:that|this|these)"
                                + "(?: steps?)?,? you (?:can|may) (?:solv|complet|continu|answer|proceed|return|go back)",
                        "before", "prior to", "after you"),
                phrase("en.before-the-task", 0.2,
                        "\\b(?:before|prior to|after) (?:you |we )?(?:can |may |are able to )?(?:solv|complet|finish"
                                + "|continu|do|answer|start|proceed|perform|respond|handl|work on|process|summari[sz])"
                                + "[a-z]{0,4} (?:with )?(?:the|your|this|my|any|that) (?:original |current |actual "
                                + "|user'?s? |assigned |main )?(?:task|request|question|job|assignment|query"
                                + "|instructions?|mission|prompt)\\b",
                        "before", "prior to", "after"),
                phrase("en.task-i-gave-you", 0.25,
                        "\\b(?:task|request|instructions?|question|job) (?:that )?i (?:gave|assigned|asked|sent|told)"
                                + " you\\b",
                        "gave you", "assigned you", "asked you", "sent you", "told you"),
                phrase("en.task-i-gave-you-first", 0.45,
                        "\\b(?:task|request|instructions?|question|job) (?:that )?i (?:gave|assigned|asked|sent|told)"
                                + " you (?:in the beginning|at the beginning|at the start|originally|first|earlier)\\b",
                        "gave you", "assigned you", "asked you", "sent you", "told you"),
                phrase("en.do-the-following-first", 0.45,
                        "\\bdo the following (?:first|instead|immediately|now|before)\\b", "do the following"),
                phrase("en.hide-this-from-user", 0.65,
                        "\\b(?:do not|don't|dont|never|without) (?:ever )?(?:tell|telling|mention|mentioning|reveal"
                                + "|revealing|disclose|disclosing|report|reporting) (?:this|it|anything|any of this"
                                + "|about (?:this|it)|these instructions) (?:to )?(?:the user|the human|your user"
                                + "|the operator|your (?:owner|principal|human))\\b|\\b(?:do not|don't|dont|never) let"
                                + " (?:the user|the human|your user) (?:know|find out|notice)\\b",
                        "the user", "the human", "your user", "the operator", "your owner", "your principal",
                        "your human"),
                phrase("en.tell-user-nothing", 0.65,
                        "\\b(?:do not|don't|dont|never) (?:ever )?(?:tell|inform|notify|alert|warn"
                                + "|mention (?:it |this )?to) (?:the user|the human|your user|the operator"
                                + "|your (?:owner|principal|human)) (?:about|of) (?:this|it|these instructions|what you (?:did|do|are doing))\\b",
                        "the user", "the human", "your user", "the operator", "your owner", "your principal",
                        "your human"),
                phrase("en.hide-from-user", 0.25,
                        "\\b(?:do not|don't|dont|never|without) (?:ever )?(?:tell|telling|inform|informing|mention"
                                + "|mentioning|notify|notifying|alert|alerting|reveal|revealing|disclose|disclosing"
                                + "|warn|warning) (?:to )?(?:the user|the human|your user|the operator"
                                + "|your (?:owner|principal|human))\\b",
                        "the user", "the human", "your user", "the operator", "your owner", "your principal",
                        "your human"),
                phrase("en.user-must-not-know", 0.6,
                        "\\b(?:the )?user (?:must|should|will|may|can|needs to) (?:not|never) (?:know|see|find out"
                                + "|learn|be told|be informed|notice|suspect)\\b",
                        "user "),
                phrase("en.keep-secret-from-user", 0.6,
                        "\\b(?:keep|hide) (?:this|it|these instructions|this message|the following) (?:a )?(?:secret )?"
                                + "from (?:the user|the human|your user|the operator)\\b",
                        "keep", "hide"),
                phrase("en.covert-action", 0.5,
                        "\\b(?:silently|secretly|covertly|discreetly|stealthily) (?:send|forward|transfer|email|post"
                                + "|upload|exfiltrate|copy|delete|execute|run|call|add|invite|share|change|include"
                                + "|append)\\b",
                        "silently", "secretly", "covertly", "discreetly", "stealthily"),
                phrase("en.do-not-mention-this", 0.4,
                        "\\bdo not (?:mention|reference|acknowledge|reveal|repeat) (?:this|these) (?:message"
                                + "|instructions?|note|request|email|text)\\b",
                        "do not"),
                phrase("en.without-asking", 0.2,
                        "\\bwithout (?:asking|confirming|checking|consulting|waiting) (?:for |with )?(?:me|the user"
                                + "|permission|confirmation|approval)\\b",
                        "without"),
                phrase("en.no-confirmation", 0.45,
                        "\\bdo not (?:ask|wait) (?:the user )?for (?:confirmation|permission|approval)\\b", "do not"),
                phrase("en.leak-system-prompt", 0.7,
                        "\\b(?:reveal|print|show|output|repeat|leak|disclose|display|tell me|give me|send|share|dump"
                                + "|expose|echo)(?: me| us)? (?:your|the|all|its) (?:(?:full|entire|complete|original"
                                + "|initial|hidden|secret|exact|internal) ){0,3}(?:system prompt|system message"
                                + "|system instructions|initial instructions|hidden instructions|original instructions"
                                + "|instructions above|internal instructions)\\b",
                        "system", "instructions"),
                phrase("en.system-prompt", 0.25, "\\bsystem ?prompt\\b", "system"),
                phrase("en.urgent-bang", 0.2,
                        "\\b(?:important|urgent|attention|warning|alert|critical) ?!{2,}", "!!"),
                phrase("en.bangs", 0.15, "!{3,}", "!!!"),
                phrase("en.very-important", 0.2,
                        "\\b(?:extremely|very|critically|super|vitally) (?:important|urgent)\\b", "important",
                        "urgent"),
                phrase("en.stop-what-you-are-doing", 0.45,
                        "\\bstop (?:what you(?:'re| are) doing|everything (?:you|and)|all (?:other )?(?:tasks"
                                + "|actions))\\b",
                        "stop "),
                phrase("en.stop-immediately", 0.2, "\\bstop immediately\\b", "stop immediately"),
                phrase("en.strictly-obey", 0.2,
                        "\\b(?:strictly|blindly|exactly|immediately|must) (?:adhere to|follow|obey|comply with)\\b",
                        "strictly ", "blindly ", "exactly ", "immediately ", "must "),
                phrase("en.overrides-instructions", 0.75,
                        "\\b(?:this|these|the following|my) (?:instructions? |message |note |request |command )?"
                                + "(?:overrides?|supersedes?|takes? (?:precedence|priority) over|replaces?) (?:all "
                                + "|any )?(?:previous|prior|other|your|earlier|existing|the system)\\b",
                        "overrid", "supersede", "precedence", "priority", "replace"),
                phrase("en.use-tool-with-arguments", 0.4,
                        "\\b(?:use|call|invoke|execute|run) the (?:tool|function) [`'\"]?[a-z_][a-z0-9_.]{0,60}"
                                + "[`'\"]? with (?:the )?(?:following )?(?:arguments|parameters|args|input)\\b",
                        "the tool", "the function"),
                phrase("en.you-should-use-tool", 0.25,
                        "\\byou should (?:use|call|invoke) (?:the )?(?:tool|function)\\b", "you should"),
                leading("en.todo-action", 0.25,
                        "todo:(?<!(?:// |# |\\* |-- |//|#|\\*)todo:) (?:send|transfer|forward|email|post|upload|share|visit|open|click"
                                + "|invite|pay|reply|give|grant|concatenate|tell|reveal|download|install|change|modify)\\b",
                        "todo:"),
                phrase("en.imperative-about-the-user", 0.25,
                        "(?:^|[.:!?'\"] ?)(?:please )?(?:send|transfer|change|modify|update|forward|email|post|share"
                                + "|delete|invite|visit|give|grant|reset|upload|concatenate|read)\\b[^.!?\\n]{0,120}?"
                                + "\\bthe user(?:'s)?\\b",
                        "the user"),
                phrase("en.sensitive-imperative", 0.2,
                        "(?:^|[.:!?'\"] ?)(?:please )?(?:send|transfer|wire|change|modify|update|reset|forward|email"
                                + "|post|share|delete|invite|visit|open|concatenate|upload|give)\\b[^.!?\\n]{0,80}?"
                                + "\\b(?:password|credentials|transaction|money|funds|payment|recipient|all (?:messages"
                                + "|emails|files|contacts|data)|website|link|api key|token|secret)s?\\b",
                        "password", "credential", "transaction", "money", "funds", "payment", "recipient", "all ",
                        "website", "link", "api key", "token", "secret"),
                phrase("en.pretend-you-are", 0.35, "\\bpretend (?:that )?you(?: are|'re)\\b", "pretend"),
                phrase("en.reply-with-instead", 0.45,
                        "\\b(?:reply|respond) (?:to me |to the user )?(?:only |just )?(?:with )?['\"][^'\"]"
                                + "{1,40}['\"] (?:instead|only)\\b",
                        " instead", " only"),
                // the model addressed by name and given an order: "Assistant, transfer ...", "AI: post the keys ...";
                // "agent" and "bot" also name people and services ("support agent: call the customer"), so weakly
                phrase("en.vocative-ai", 0.5,
                        "\\b(?:(?:hey|hi|hello|dear|ok|okay) )?(?:ai assistant|assistant|ai|llm|chatbot|copilot)s?[,:]"
                                + " (?:(?:you |please |kindly |then |immediately |quickly |first |also |just ){0,2}"
                                + VERB_OF_ACTION + "|you (?:must|should|need)|now)\\b",
                        "assistant,", "assistant:", "ai,", "ai:", "llm,", "llm:", "chatbot,", "chatbot:", "copilot,",
                        "copilot:", "assistants,", "assistants:"),
                phrase("en.vocative-agent-imperative", 0.25,
                        "\\b(?:agent|model|bot)s?[,:] (?:(?:please|kindly|now|then|immediately|quickly|first|also"
                                + "|just) ){0,2}" + VERB_OF_ACTION + "\\b",
                        "agent,", "agent:", "model,", "model:", "bot,", "bot:", "agents,", "agents:"),
                phrase("en.claims-authority", 0.4,
                        "\\b(?:i am|i'm|this is|message from|instructions? from|note from) (?:the |your )?(?:developer"
                                + "|creator|system administrator|administrator|operator|openai|anthropic"
                                + "|google deepmind) (?:of (?:this|the) (?:ai|assistant|model|system)|team)?\\b",
                        "developer", "creator", "administrator", "operator", "openai", "anthropic", "deepmind"));
    }
}
