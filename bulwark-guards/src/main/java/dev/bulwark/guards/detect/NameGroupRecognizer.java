package dev.bulwark.guards.detect;

/** Coordinated names: firm names ("Davis, Reynolds and Williamson", "Smith and Sons") and lists of people. */
final class NameGroupRecognizer {
    private final WordLists words;

    NameGroupRecognizer(WordLists words) {
        this.words = words;
    }

    void recognize(WordTokens tokens, Candidates out) {
        firms(tokens, out);
        nameLists(tokens, out);
        namePairs(tokens, out);
    }

    /**
     * "Usamov and Bowers were ...": two single capitalised words joined by "and", one a listed name and the other
     * no listed place or group and no common English word, are two names.
     */
    private void namePairs(WordTokens t, Candidates out) {
        int count = t.count;
        for (int c = 0; c < t.capitalisedCount; c++) {
            int i = t.capitalised[c];
            if (i + 2 >= count || !t.is(i + 1, "and") || !capitalised(t, i + 2) || !t.has(i + 1, WordTokens.JOINED)
                    || !t.has(i + 2, WordTokens.JOINED) || !t.textAt(t.end[i], " and ")
                    || i > 0 && t.has(i, WordTokens.JOINED) && capital(t, i - 1)
                    || i + 3 < count && t.has(i + 3, WordTokens.JOINED) && capital(t, i + 3)) {
                continue;
            }
            boolean left = t.in(i, WordLists.FIRST_NAME | WordLists.SURNAME);
            boolean right = t.in(i + 2, WordLists.FIRST_NAME | WordLists.SURNAME);
            if (left == right || !unlistedName(t, left ? i + 2 : i)) {
                continue;
            }
            out.add("PERSON", t.start[i], t.end[i], 0.5, "person");
            out.add("PERSON", t.start[i + 2], t.end[i + 2], 0.5, "person");
        }
    }

    private static boolean capital(WordTokens t, int k) {
        return t.capital(k);
    }

    private boolean unlistedName(WordTokens t, int k) {
        return !t.in(k, WordLists.PLACE | WordLists.GROUP | WordLists.STOP_WORD | ProperNounCues.NOT_NAME)
                && !t.has(k, WordTokens.POSSESSIVE) && !words.common(WordLists.fold(t.text(k)));
    }

    private static boolean capitalised(WordTokens t, int k) {
        return t.shape(k) == WordTokens.CAPITALISED;
    }

    /**
     * "Davis, Reynolds and Williamson" (or "und", "et", "e", "y", "en"), "Smith and Sons", "Garcia-Smith" (two listed
     * family names).
     */
    private void firms(WordTokens t, Candidates out) {
        int count = t.count;
        int[] capitalised = t.capitalised;
        int n = t.capitalisedCount;
        for (int c = 0; c < n; c++) {
            int i = capitalised[c];
            // A word never starts with "&", so only "and" joins the last two names.
            if (i + 3 < count && capitalised(t, i + 1) && capitalised(t, i + 3) && conjunction(t, i + 2)
                    && t.textAt(t.end[i], ", ") && t.start[i + 1] == t.end[i] + 2
                    && !t.in(i, WordLists.FIRST_NAME) && !t.in(i + 1, WordLists.FIRST_NAME)
                    && !t.in(i + 3, WordLists.FIRST_NAME) && !(i > 0 && t.textAt(t.end[i - 1], ", "))) {
                out.add("ORGANIZATION", t.start[i], t.end[i + 3], 0.5, "organization");
            }
        }
        for (int c = 0; c < n; c++) {
            int i = capitalised[c];
            if (i + 2 < count && t.is(i + 1, "and") && t.is(i + 2, "Sons")) {
                out.add("ORGANIZATION", t.start[i], t.end[i + 2], 0.8, "organization");
            }
        }
        for (int c = 0; c < n; c++) {
            int k = capitalised[c];
            if (t.has(k, WordTokens.HYPHEN)) {
                doubleFamilyName(t, k, out);
            }
        }
    }

    /** "and" and its German, French, Italian, Spanish and Dutch equivalents, as firm names join partners. */
    private static boolean conjunction(WordTokens t, int k) {
        return t.is(k, "and") || t.is(k, "und") || t.is(k, "et") || t.is(k, "e") || t.is(k, "y") || t.is(k, "en");
    }

    private void doubleFamilyName(WordTokens t, int k, Candidates out) {
        String word = t.text(k);
        int dash = word.indexOf('-');
        if (dash > 0 && dash < word.length() - 1) {
            int left = words.kindsOf(WordLists.fold(word.substring(0, dash)));
            int right = words.kindsOf(WordLists.fold(word.substring(dash + 1)));
            if ((left & WordLists.SURNAME) != 0 && (right & WordLists.SURNAME) != 0
                    && (left & WordLists.FIRST_NAME) == 0) {
                out.add("ORGANIZATION", t.start[k], t.end[k], 0.45, "organization");
            }
        }
    }

    /**
     * "Efimiya, Mary, Ariana and Jodi": in a list of single capitalised words where at least two are listed names,
     * the other members are names too.
     */
    private static void nameLists(WordTokens t, Candidates out) {
        if (t.capitalisedCount < 3) {
            return;
        }
        int count = t.count;
        int[] capitalised = t.capitalised;
        int i = 0;
        // A list starts at a capitalised word: from one past the last list, on to the next such word.
        for (int c = 0; c < t.capitalisedCount; c++) {
            if (capitalised[c] < i) {
                continue;
            }
            i = capitalised[c];
            int j = i;
            int members = 0;
            int named = 0;
            int last = -1;
            // Stops on the last member, or on the word after a comma or "and" when that word is no member.
            while (j < count && capitalised(t, j)) {
                last = j;
                members++;
                if (t.in(j, WordLists.FIRST_NAME | WordLists.SURNAME)) {
                    named++;
                }
                int next = next(t, j);
                if (next < 0) {
                    break;
                }
                j = next;
            }
            if (members >= 3 && named >= 2) {
                for (int m = i; ; m = next(t, m)) {
                    if (!t.in(m, WordLists.PLACE) && !t.in(m, WordLists.GROUP)) {
                        out.add("PERSON", t.start[m], t.end[m], 0.5, "person");
                    }
                    if (m == last) {
                        break;
                    }
                }
            }
            i = j + 1;
        }
    }

    /** The next member of a list after member {@code j} (", B" or " and B", ", and B"); -1 when the list ends. */
    private static int next(WordTokens t, int j) {
        int end = t.end[j];
        if (j + 1 < t.count && t.textAt(end, ", ") && t.start[j + 1] == end + 2) {
            return j + 1;
        }
        if (j + 2 < t.count && t.is(j + 1, "and") && t.has(j + 1, WordTokens.JOINED)
                && t.has(j + 2, WordTokens.JOINED) && (t.textAt(end, " and ") || t.textAt(end, ", and "))) {
            return j + 2;
        }
        return -1;
    }
}
