package dev.bulwark.guards.eval.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * One labelled text of a secret corpus: gold secret spans with their kind, or none and the kind of negative it
 * carries.
 */
record SecretSample(String text, List<Gold> golds, String negativeKind) {
    record Gold(String kind, int start, int end) {
    }

    /** Builds a text piece by piece, remembering where secrets were put. */
    static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private final List<Gold> golds = new ArrayList<>();

        Builder text(String s) {
            text.append(s);
            return this;
        }

        Builder secret(String kind, String value) {
            golds.add(new Gold(kind, text.length(), text.length() + value.length()));
            text.append(value);
            return this;
        }

        SecretSample positive() {
            if (golds.isEmpty()) {
                throw new IllegalStateException("a positive sample needs a secret");
            }
            return new SecretSample(text.toString(), golds, null);
        }

        SecretSample negative(String kind) {
            return new SecretSample(text.toString(), List.of(), kind);
        }
    }

    static Builder builder() {
        return new Builder();
    }
}
