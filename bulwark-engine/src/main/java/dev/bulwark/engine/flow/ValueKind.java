package dev.bulwark.engine.flow;

/**
 * The typed kinds of value the extractor recognises. A kind says whether a value found inside a longer argument (an
 * IBAN inside a sentence) may count as a part of it: only kinds that cannot occur by chance do, so that short common
 * values ("1", "yes", "the") never match everything.
 */
public enum ValueKind {
    IBAN("iban", true),
    EMAIL("email", true),
    URL("url", true),
    DOMAIN("domain", true),
    PHONE("phone", true),
    AMOUNT("amount", true),
    /** A bare number; inside longer text only when it has six or more digits (an account or order number). */
    NUMBER("number", false),
    DATE("date", true),
    QUOTED("quoted", true),
    PATH("path", true),
    ACCOUNT("account", true),
    TOKEN("token", true),
    /** A word of a short argument (a name, a channel); never matched inside longer text. */
    WORD("word", false);

    private final String contextName;
    private final boolean typed;

    ValueKind(String contextName, boolean typed) {
        this.contextName = contextName;
        this.typed = typed;
    }

    /** The name policies see in {@code context.flow}. */
    public String contextName() {
        return contextName;
    }

    /**
     * Whether a value of this kind names where something goes or who gets it (an account, address, host, number or
     * file): the values an attacker must plant to redirect a write or an egress call.
     */
    public boolean identifier() {
        return switch (this) {
            case IBAN, ACCOUNT, EMAIL, URL, DOMAIN, PHONE, PATH -> true;
            default -> false;
        };
    }

    /**
     * Whether a value of this kind is an address something can be sent to (an IBAN, e-mail, URL, domain or phone),
     * not merely an identifier of something (an account-like reference, a file): the kinds an attacker disguises to
     * make the model send somewhere the gateway cannot recognise.
     */
    public boolean destination() {
        return switch (this) {
            case IBAN, EMAIL, URL, DOMAIN, PHONE -> true;
            default -> false;
        };
    }

    /** Whether a value of this kind, found inside a longer argument, counts as one of its parts. */
    public boolean typed() {
        return typed;
    }
}
