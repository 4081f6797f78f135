package dev.bulwark.engine.flow;

import java.util.EnumSet;
import java.util.Set;

/** Where a value was seen. Each source is one bit of an index entry. */
public enum Source {
    /** The user's request, given by the client that opened or annotated the session. */
    INTENT("intent"),
    /** Output of a tool configured as trusted. */
    TRUSTED_OUTPUT("trusted_output"),
    /** Output of any other tool. */
    UNTRUSTED_OUTPUT("untrusted_output");

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
}
