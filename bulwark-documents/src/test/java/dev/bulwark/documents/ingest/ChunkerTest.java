package dev.bulwark.documents.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    private static List<String> texts(String text, Chunker chunker) {
        return chunker.chunk(text).stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    @Test
    void keepsShortParagraphsTogetherAndBreaksBetweenParagraphs() {
        String text = "A".repeat(40) + "\n\n" + "B".repeat(40) + "\n\n" + "C".repeat(40);

        assertThat(texts(text, new Chunker(90, 0))).containsExactly("A".repeat(40) + "\n\n" + "B".repeat(40),
                "C".repeat(40));
    }

    @Test
    void splitsLongParagraphsAtSentencesAndNeverExceedsTheLimit() {
        String sentence = "This sentence has exactly a few words in it. ";
        String text = sentence.repeat(30).strip();
        Chunker chunker = new Chunker(200, 50);

        List<String> chunks = texts(text, chunker);

        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.length()).isLessThanOrEqualTo(200);
            assertThat(c).startsWith("This").endsWith(".");
        });
        assertThat(String.join(" ", chunks)).contains(text.substring(0, 100));
    }

    @Test
    void consecutiveChunksOverlapByWholeSentences() {
        String text = "One two three. Four five six. Seven eight nine. Ten eleven twelve. Thirteen fourteen.";
        List<String> chunks = texts(text, new Chunker(50, 25));

        assertThat(chunks).hasSizeGreaterThan(1);
        for (int i = 1; i < chunks.size(); i++) {
            String previous = chunks.get(i - 1);
            String firstSentence = chunks.get(i).split("(?<=\\.) ")[0];
            assertThat(previous).as("chunk %d starts with the end of chunk %d", i, i - 1).endsWith(firstSentence);
        }
    }

    @Test
    void coversEveryWordOfTheText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            text.append("word").append(i).append(i % 7 == 6 ? ". " : " ").append(i % 40 == 39 ? "\n\n" : "");
        }
        String content = text.toString().strip();
        String joined = String.join(" ", texts(content, new Chunker(120, 40)));

        for (int i = 0; i < 500; i++) {
            assertThat(joined).contains("word" + i + (i % 7 == 6 ? "." : ""));
        }
    }

    @Test
    void hardSplitsAWordLongerThanTheLimitWithoutBreakingSurrogatePairs() {
        String emoji = "\uD83D\uDE00";
        String text = emoji.repeat(100);

        List<String> chunks = texts(text, new Chunker(51, 0));

        assertThat(String.join("", chunks)).isEqualTo(text);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.length()).isLessThanOrEqualTo(51);
            assertThat(Character.isLowSurrogate(c.charAt(0))).isFalse();
        });
    }

    @Test
    void refusesNonsensicalSizes() {
        assertThatThrownBy(() -> new Chunker(10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chunker(100, 60)).isInstanceOf(IllegalArgumentException.class);
    }
}
