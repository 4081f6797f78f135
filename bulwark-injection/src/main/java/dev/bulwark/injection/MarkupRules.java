package dev.bulwark.injection;

import static dev.bulwark.injection.PatternRule.latin;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structure that tries to change who is speaking: chat-template role and turn tokens, tags that close a tool result
 * or open a system turn, and imitations of tool-call syntax (OpenAI JSON, Anthropic tool_use, XML function calls,
 * Llama-style calls). Matched on normalized (lower-case) text.
 */
final class MarkupRules {
    private MarkupRules() {}

    private static final InjectionSignal ROLE = InjectionSignal.ROLE_MARKER;
    private static final InjectionSignal CALL = InjectionSignal.FAKE_TOOL_CALL;

    /**
     * Llama-2 turn tokens, matched case-sensitively on the original text: lower-case {@code [inst]} is an ordinary
     * index expression in code.
     */
    static final Pattern LLAMA_TURN = Pattern.compile("\\[/?INST\\]|<</?SYS>>");

    static void scanCaseSensitive(String text, int from, int to, FindingSink sink) {
        if (!Texts.contains(text, from, to, "INST]") && !Texts.contains(text, from, to, "SYS>>")) {
            return;
        }
        Matcher m = LLAMA_TURN.matcher(text).region(from, to);
        for (int found = 0; found < 4 && m.find(); found++) {
            sink.add(ROLE, m.start(), m.end(), 0.8, "role.llama-turn-token");
        }
    }

    static List<PatternRule> rules() {
        return List.of(
                latin("role.chat-template-token", ROLE, 0.8,
                        "<\\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|start_header_id"
                                + "|end_header_id|begin_of_text|end_of_text|eom_id|tool_call|python_tag|channel"
                                + "|message|end|start|return|developer)\\|>",
                        "<|"),
                latin("role.turn-token", ROLE, 0.8,
                        "</?(?:start|end)_of_turn>|<start_of_turn>(?:user|model)", "_of_turn>"),
                latin("role.markdown-header", ROLE, 0.6,
                        "(?:^|\\s)#{2,4} ?(?:system|assistant|human)(?: message| prompt)? ?:", "#system", "# system",
                        "#assistant", "# assistant", "#human", "# human"),
                latin("role.instruction-header", ROLE, 0.3,
                        "(?:^|\\s)#{2,4} ?(?:instruction|instructions|response|user|input) ?:", "#instruction",
                        "# instruction", "#response", "# response", "#user", "# user", "#input", "# input"),
                latin("role.closing-tool-frame", ROLE, 0.8,
                        "</(?:tool_result|tool_results|function_results|function_result|tool_output|tool_response"
                                + "|tool_call_result|search_results|document|documents|untrusted_data|data|context"
                                + "|user_input|tool)>\\s{0,3}<(?:system|user|assistant|human|instructions?|im_start"
                                + "|admin|developer)>|</(?:tool_result|tool_results|function_results|function_result"
                                + "|tool_output|tool_response)>",
                        "</tool", "</function", "</search", "</document", "</untrusted", "</data", "</context",
                        "</user_input"),
                latin("role.system-tag", ROLE, 0.25,
                        "</?(?:system|system_prompt|system_message|sys|admin_instructions)>", "system>", "sys>",
                        "system_prompt>", "system_message>", "admin_instructions>"),
                latin("role.conversation-tag", ROLE, 0.25, "</?(?:assistant|user|human|user_query|instructions?)>",
                        "assistant>", "user>", "human>", "user_query>", "instruction>", "instructions>"),
                latin("role.directive-tag", ROLE, 0.35,
                        "</?(?:important|information|urgent|override|admin|priority|attention"
                                + "|mandatory|critical)>",
                        "important>", "information>", "urgent>", "override>", "admin>",
                        "priority>", "attention>", "mandatory>", "critical>"),
                latin("role.speaker-prefix", ROLE, 0.35,
                        "(?:^|\\. )(?:system|assistant|human|ai assistant)(?: message)? ?: ", "system:", "system :",
                        "assistant:", "assistant :", "human:", "human :", "message:", "message :"),
                latin("call.openai-json", CALL, 0.55,
                        "\"(?:tool_calls|function_call|tool_call)\" ?: ?[\\[{]|\"type\" ?: ?\"(?:tool_use"
                                + "|function_call)\"",
                        "tool_call", "function_call", "tool_use"),
                latin("call.function-object", CALL, 0.25,
                        "\"function\" ?: ?\\{ ?\"name\" ?:|\\{ ?\"name\" ?: ?\"[a-z0-9_.-]{1,64}\" ?, ?\"(?:arguments"
                                + "|parameters|input)\" ?: ?[{\"]",
                        "\"name\""),
                latin("call.xml-invoke", CALL, 0.75,
                        "</?(?:function_calls|antml:function_calls|tool_call|tool_use|function_call)>|<(?:antml:)?invoke"
                                + " name ?= ?[\"'][a-z0-9_.-]{1,64}|<function=[a-z0-9_.-]{1,64}>",
                        "function_calls>", "tool_call>", "tool_use>", "function_call>", "invoke", "<function="),
                latin("call.xml-parameter", CALL, 0.4, "<(?:antml:)?parameter name ?= ?[\"']", "parameter name"));
    }
}
