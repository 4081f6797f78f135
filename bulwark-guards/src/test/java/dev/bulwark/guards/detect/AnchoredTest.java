package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AnchoredTest {

    private static List<String> viaFind(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.start() + "-" + m.end());
        }
        return out;
    }

    private static List<String> viaAnchored(Pattern p, String text, int kinds, int[] extra) {
        List<String> out = new ArrayList<>();
        Anchored.scan(p, TextShape.of(text), kinds, extra, Anchored.ANYWHERE, m -> out.add(m.start() + "-" + m.end()));
        return out;
    }

    @Test
    void matchesLikeFindWhenEveryPossibleStartIsOffered() {
        Pattern phoneish = Pattern.compile("(?<![\\w+.-])\\+?\\d{1,3}(?:[ .-]\\d{2,4}){1,4}(?![\\w])");
        Pattern street = Pattern.compile("(?<![\\p{L}\\p{N}.-])\\p{Lu}\\p{L}{1,20}+ \\d{1,4}(?![\\p{L}\\p{N}])");
        Random random = new Random(7);
        String alphabet = "0123456789  -.+abcXYZé_:@\n";
        for (int round = 0; round < 3_000; round++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            assertThat(viaAnchored(phoneish, text, TextShape.DIGITS | TextShape.SIGN, new int[0]))
                    .as("phone-like in %s", text).isEqualTo(viaFind(phoneish, text));
            assertThat(viaAnchored(street, text, TextShape.WORD, new int[0]))
                    .as("street-like in %s", text).isEqualTo(viaFind(street, text));
        }
    }

    @Test
    void skipsStartsInsideThePreviousMatchAsFindDoes() {
        Pattern p = Pattern.compile("\\d+ \\d+");
        // find() reports "1 2" and then "3 4", never "2 3".
        assertThat(viaAnchored(p, "1 2 3 4", TextShape.DIGITS, new int[0])).containsExactly("0-3", "4-7");
    }

    @Test
    void lookbehindsSeeTheTextBeforeTheStart() {
        Pattern p = Pattern.compile("(?<!x)\\d+");
        assertThat(viaAnchored(p, "x1 2", TextShape.DIGITS, new int[0])).containsExactly("3-4");
    }

    @Test
    void triesExtraStartsInOrderWithTheKinds() {
        Pattern p = Pattern.compile("(?i)age \\d+|\\d+ years");
        String text = "page 3 and 40 years";
        int extra = text.indexOf("age");
        assertThat(viaAnchored(p, text, TextShape.DIGITS, new int[] {extra})).containsExactly("1-6", "11-19");
        assertThat(viaAnchored(p, text, TextShape.DIGITS, new int[] {extra})).isEqualTo(viaFind(p, text));
    }

    @Test
    void triesNothingWhenNoStartOfTheKindsExists() {
        Pattern p = Pattern.compile(".*");
        assertThat(viaAnchored(p, "letters only", TextShape.DIGITS, new int[0])).isEmpty();
    }

    @Test
    void aFailingPreCheckKeepsThePatternFromRunning() {
        Pattern p = Pattern.compile("\\d+");
        List<Integer> tried = new ArrayList<>();
        Anchored.scan(p, TextShape.of("1 22 333"), TextShape.DIGITS, i -> {
            tried.add(i);
            return i != 2;
        }, m -> assertThat(m.group()).isNotEqualTo("22"));
        assertThat(tried).containsExactly(0, 2, 5);
    }
}
