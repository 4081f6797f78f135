package dev.bulwark.data.sql;

import dev.bulwark.spi.Checks;

/** How a column's value is shown to a principal whose rule masks it. */
public sealed interface Mask permits Mask.Redact, Mask.Hash, Mask.Last4, Mask.Null, Mask.Expression {

    /** The constant {@code [REDACTED]}. */
    record Redact() implements Mask {
    }

    /**
     * Lower-case hex HMAC-SHA256 of the value's text (UTF-8) under the deployment's hash-mask key: equal values stay
     * joinable, the value stays hidden, and a guess cannot be confirmed without the key.
     */
    record Hash() implements Mask {
    }

    /** {@code ****} followed by the last four characters of the value's text. */
    record Last4() implements Mask {
    }

    /** SQL NULL. */
    record Null() implements Mask {
    }

    /**
     * A SQL expression over the table's own columns and principal references ({@code :user.id}, …), e.g.
     * {@code CASE WHEN owner_id = :user.id THEN salary END}. Functions are the administrator's choice: configuration
     * is trusted, agent SQL is not.
     */
    record Expression(String sql) implements Mask {
        public Expression {
            Checks.nonBlank(sql, "mask expression");
        }
    }

    /** Reads a configured mask: {@code redact}, {@code hash}, {@code last4}, {@code null}, or a SQL expression. */
    static Mask parse(String text) {
        Checks.nonBlank(text, "mask");
        return switch (text.strip()) {
            case "redact" -> new Redact();
            case "hash" -> new Hash();
            case "last4" -> new Last4();
            case "null" -> new Null();
            default -> new Expression(text);
        };
    }

    /** Whether the masked value no longer carries the column's labels (nothing of the value is left). */
    default boolean erasesValue() {
        return this instanceof Redact || this instanceof Null;
    }
}
