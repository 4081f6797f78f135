package dev.bulwark.guards.detect;

import dev.bulwark.guards.detect.WordToken.Shape;
import java.util.ArrayList;
import java.util.List;

/** Coordinated names: firm names ("Davis, Reynolds and Williamson", "Smith and Sons") and lists of people. */
final class NameGroupRecognizer {
    private final WordLists words;

    NameGroupRecognizer(WordLists words) {
        this.words = words;
    }

    void recognize(String text, List<WordToken> tokens, Candidates out) {
        firms(text, tokens, out);
        nameLists(text, tokens, out);
    }

    /** "Davis, Reynolds and Williamson", "Smith and Sons", "Garcia-Smith" (two listed family names). */
    private void firms(String text, List<WordToken> tokens, Candidates out) {
        for (int i = 0; i + 3 < tokens.size(); i++) {
            WordToken a = tokens.get(i);
            WordToken b = tokens.get(i + 1);
            WordToken and = tokens.get(i + 2);
            WordToken c = tokens.get(i + 3);
            if (a.shape() == Shape.CAPITALISED && b.shape() == Shape.CAPITALISED && c.shape() == Shape.CAPITALISED
                    && (and.text().equals("and") || and.text().equals("&"))
                    && text.startsWith(", ", a.end()) && b.start() == a.end() + 2
                    && !a.in(WordLists.FIRST_NAME) && !b.in(WordLists.FIRST_NAME)
                    && !c.in(WordLists.FIRST_NAME) && !(i > 0 && text.startsWith(", ", tokens.get(i - 1).end()))) {
                out.add("ORGANIZATION", a.start(), c.end(), 0.5, "organization");
            }
        }
        for (int i = 0; i + 2 < tokens.size(); i++) {
            WordToken a = tokens.get(i);
            if (a.shape() == Shape.CAPITALISED && tokens.get(i + 1).text().equals("and")
                    && tokens.get(i + 2).text().equals("Sons")) {
                out.add("ORGANIZATION", a.start(), tokens.get(i + 2).end(), 0.8, "organization");
            }
        }
        for (WordToken t : tokens) {
            int dash = t.text().indexOf('-');
            if (t.shape() == Shape.CAPITALISED && dash > 0 && dash < t.text().length() - 1) {
                String l = WordLists.fold(t.text().substring(0, dash));
                String r = WordLists.fold(t.text().substring(dash + 1));
                int left = words.kindsOf(l);
                if ((left & WordLists.SURNAME) != 0 && (words.kindsOf(r) & WordLists.SURNAME) != 0
                        && (left & WordLists.FIRST_NAME) == 0) {
                    out.add("ORGANIZATION", t.start(), t.end(), 0.45, "organization");
                }
            }
        }
    }

    /**
     * "Efimiya, Mary, Ariana and Jodi": in a list of single capitalised words where at least two are listed names,
     * the other members are names too.
     */
    private void nameLists(String text, List<WordToken> tokens, Candidates out) {
        int i = 0;
        while (i < tokens.size()) {
            int j = i;
            List<WordToken> members = new ArrayList<>();
            while (j < tokens.size() && tokens.get(j).shape() == Shape.CAPITALISED) {
                members.add(tokens.get(j));
                int end = tokens.get(j).end();
                if (j + 1 < tokens.size() && text.startsWith(", ", end) && tokens.get(j + 1).start() == end + 2) {
                    j++;
                } else if (j + 2 < tokens.size() && tokens.get(j + 1).text().equals("and")
                        && tokens.get(j + 1).joinedToPrevious() && tokens.get(j + 2).joinedToPrevious()
                        && (text.startsWith(" and ", end) || text.startsWith(", and ", end))) {
                    j += 2;
                } else {
                    break;
                }
            }
            if (members.size() >= 3) {
                int named = 0;
                for (WordToken m : members) {
                    if (m.in(WordLists.FIRST_NAME) || m.in(WordLists.SURNAME)) {
                        named++;
                    }
                }
                if (named >= 2) {
                    for (WordToken m : members) {
                        if (!m.in(WordLists.PLACE) && !m.in(WordLists.GROUP)) {
                            out.add("PERSON", m.start(), m.end(), 0.5, "person");
                        }
                    }
                }
            }
            i = Math.max(j, i) + 1;
        }
    }

}
