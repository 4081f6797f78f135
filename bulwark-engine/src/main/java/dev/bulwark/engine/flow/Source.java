package dev.bulwark.engine.flow;

import java.util.EnumSet;
import java.util.Set;

/** Where a value was seen. Each source is one bit of an index entry. */
public enum Source {
    /** The user's request, given by the client that opened or annotated the session. */
    INTENT("intent"),
    /** Output of a tool configured as trusted. */
    TRUSTED_OUTPUT("trusted_output"),
    /** Free text of any other tool's output: where injected instructions and the values they plant live. */
    UNTRUSTED_OUTPUT("untrusted_output"),
    /**
     * A whole field of an untrusted tool's output that the tool returns as records ({@code output: records}): a short
     * value standing alone (a name, a channel, an account, an amount), set by the service that keeps the records rather
     * than written inside someone's prose. Still not trusted; it only says the value is a datum, not a mention.
     */
    UNTRUSTED_FIELD("untrusted_field");

    /** Label a tool or guard sets on output it vouches for. */
    public static final String TRUSTED_LABEL = "trusted";
    /** Label a tool or guard sets on output it does not vouch for; it wins over {@link #TRUSTED_LABEL}. */
    public static final String UNTRUSTED_LABEL = "untrusted";

    private final String contextName;

    Source(String contextName) {
        this.contextName = contextName;
    }

    public String contextName() {
        return contextName;
    }

    int bit() {
        return 1 << ordinal();
    }

    /**
     * The source of a tool output with these labels: trusted only when labelled {@code trusted} and not
     * {@code untrusted} (a guard may add {@code untrusted} to output of a trusted tool). Unlabelled output is
     * untrusted: trust is declared, never assumed.
     */
    public static Source ofOutput(Set<String> labels) {
        return labels.contains(TRUSTED_LABEL) && !labels.contains(UNTRUSTED_LABEL) ? TRUSTED_OUTPUT : UNTRUSTED_OUTPUT;
    }

    static Set<Source> of(int bits) {
        EnumSet<Source> s = EnumSet.noneOf(Source.class);
        for (Source src : values()) {
            if ((bits & src.bit()) != 0) {
                s.add(src);
            }
        }
        return s;
    }

    static final int TRUSTED_BITS = INTENT.bit() | TRUSTED_OUTPUT.bit();
    /** Evicting a value with one of these puts it in the untrusted summary, where it then reads as untrusted text. */
    static final int UNTRUSTED_BITS = UNTRUSTED_OUTPUT.bit() | UNTRUSTED_FIELD.bit();
}
