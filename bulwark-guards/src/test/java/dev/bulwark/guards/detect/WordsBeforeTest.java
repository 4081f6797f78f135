package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WordsBeforeTest {
    private static final String[] ADDRESS = {"address", "addr", "live", "lives", "lived", "living", "located",
            "location", "ship", "shipping", "deliver", "delivery", "send", "mail", "visit", "moved", "meet", "at", "to",
            "street", "house", "home", "office", "residence", "reside", "resides", "apartment", "billing", "postal",
            "drops", "pick", "pickup"};
    private static final String[] VERSION = {"version", "ver", "v", "release", "build", "firmware"};
    private static final String[] BIRTH_REGEX = {"born", "birth", "birthday", "dob", "d\\.o\\.b", "date of birth"};
    private static final String[] BIRTH = {"born", "birth", "birthday", "dob", "d.o.b", "date of birth"};

    @Test
    void findsAWholeWordInTheWindow() {
        WordsBefore words = WordsBefore.of(ADDRESS);
        assertThat(words.in("ship to 12 Main St", 8, 40)).isTrue();
        assertThat(words.in("My ADDRESS: 12 Main St", 12, 40)).isTrue();
        assertThat(words.in("hardship 12 Main St", 9, 40)).isFalse();
        assertThat(words.in("shipped 12 Main St", 8, 40)).isFalse();
    }

    @Test
    void theWindowEdgesAreWordBoundaries() {
        WordsBefore words = WordsBefore.of(ADDRESS);
        // "hardship": the window starts at "ship", whose "d" before it the pattern cannot see.
        assertThat(words.in("hardship 1", 9, 5)).isTrue();
        // "shipment" cut at "ship" by the start of the candidate.
        assertThat(words.in("shipment", 4, 40)).isTrue();
        assertThat(words.in("ship", 0, 40)).isFalse();
    }

    @Test
    void comparesAsUnicodeCaseInsensitivePatterns() {
        WordsBefore words = WordsBefore.of(ADDRESS);
        // Long s upper-cases to S; the Kelvin sign lower-cases to k.
        assertThat(words.in("ſhip 1", 5, 40)).isTrue();
        assertThat(WordsBefore.of("kin").in("\u212Ain 1", 4, 40)).isTrue();
        // Turkish dotted capital I lower-cases to i; dotless i upper-cases to I.
        assertThat(words.in("L\u0130VE 1", 5, 40)).isTrue();
        assertThat(words.in("l\u0131ve 1", 5, 40)).isTrue();
    }

    @Test
    void lettersOfOtherScriptsAndMarksCountAsWordCharactersOrNot() {
        WordsBefore words = WordsBefore.of(ADDRESS);
        assertThat(words.in("éship 1", 6, 40)).isFalse();
        assertThat(words.in("ship١ 1", 6, 40)).isFalse();
        // A combining mark is neither a letter nor a number.
        assertThat(words.in("ship\u0301 1", 6, 40)).isTrue();
        // A letter outside the BMP before the word: the lookbehind reads only its second half.
        assertThat(words.in("\uD835\uDC00ship 1", 7, 40)).isTrue();
        assertThat(words.in("ship\uD835\uDC00 1", 7, 40)).isFalse();
        assertThat(words.in("مرحبا ship 1", 11, 40)).isTrue();
    }

    @Test
    void emptyAndHugeTextsAndOddWindows() {
        WordsBefore words = WordsBefore.of(ADDRESS);
        assertThat(words.in("", 0, 40)).isFalse();
        assertThat(words.in("x".repeat(100_000) + " at 1", 100_004, 40)).isTrue();
        assertThat(words.in("at 1", 3, 0)).isFalse();
    }

    @Test
    void refusesWordsItCannotCompareLikeThePattern() {
        assertThatThrownBy(() -> WordsBefore.of("Born")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WordsBefore.of(".v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agreesWithTheContextPatternOnGeneratedTexts() {
        agree(ADDRESS, ADDRESS, "address livingshiptoat", 1);
        agree(VERSION, VERSION, "versionbuildv", 2);
        agree(BIRTH_REGEX, BIRTH, "date of birthd.o.b", 3);
    }

    private static void agree(String[] alternatives, String[] words, String letters, long seed) {
        Pattern pattern = Context.words(alternatives);
        WordsBefore scanner = WordsBefore.of(words);
        String[] pieces = {" ", ".", "_", "1", "١", "１", "²", "Ⅻ", "é", "\u0301", "ſ", "\u212A", "\u0130", "\u0131",
                "\uD835\uDC00", "\uD835", "\uDC00", "\u05D0", "-", "\n", "A", "S", "T"};
        Random random = new Random(seed);
        for (int n = 0; n < 40_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(30);
            while (text.length() < length) {
                int pick = random.nextInt(10);
                if (pick < 3) {
                    String w = words[random.nextInt(words.length)];
                    text.append(random.nextBoolean() ? w : w.toUpperCase(java.util.Locale.ROOT));
                } else if (pick < 6) {
                    text.append(letters.charAt(random.nextInt(letters.length())));
                } else {
                    text.append(pieces[random.nextInt(pieces.length)]);
                }
            }
            String t = text.toString();
            int start = random.nextInt(t.length() + 1);
            int window = random.nextInt(t.length() + 2);
            assertThat(scanner.in(t, start, window)).as("%s at %d within %d", t, start, window)
                    .isEqualTo(Context.before(t, start, window, pattern));
        }
    }
}
