package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressStartsTest {

    private static TextShape shape(String text) {
        return TextShape.of(text);
    }

    @Test
    void findsAStreetNameBeforeSomeNumber() {
        assertThat(AddressStarts.streetNameBeforeNumber(shape("wohnt in der Hauptstraße 5, Berlin"))).isTrue();
        assertThat(AddressStarts.streetNameBeforeNumber(shape("Erzsébet tér 19"))).isTrue();
        assertThat(AddressStarts.streetNameBeforeNumber(shape("Karl-Marx-Allee 12"))).isTrue();
    }

    @Test
    void findsNoStreetNameWhereNoneIsBeforeANumber() {
        assertThat(AddressStarts.streetNameBeforeNumber(shape("I bought 3 apples in Hauptstrasse"))).isFalse();
        assertThat(AddressStarts.streetNameBeforeNumber(shape("he is a Doctor 5 years"))).isFalse();
        // A lower-case word with a street ending is only a name as a street word after another word.
        assertThat(AddressStarts.streetNameBeforeNumber(shape("the pathweg 7"))).isFalse();
    }

    @Test
    void englishShapesNeedAStreetTypeWordAfterTheNumber() {
        assertThat(AddressStarts.englishAfterNumber(shape("12 Main Street"), 0)).isTrue();
        assertThat(AddressStarts.englishAfterNumber(shape("12B N Oak Ave."), 0)).isTrue();
        assertThat(AddressStarts.englishAfterNumber(shape("12 Main people"), 0)).isFalse();
        assertThat(AddressStarts.englishAfterNumber(shape("12 apples on Main Street"), 0)).isFalse();
        assertThat(AddressStarts.englishAfterNumber(shape("12 Main\nStreet"), 0)).isFalse();
    }

    @Test
    void romanceShapesStartWithAStreetWord() {
        assertThat(AddressStarts.romanceWord(shape("Rua Augusta 10"), 0)).isTrue();
        assertThat(AddressStarts.romanceWord(shape("Rubble 10"), 0)).isFalse();
        assertThat(AddressStarts.romanceAfterNumber(shape("10, Via Roma 4"), 0)).isTrue();
        assertThat(AddressStarts.romanceAfterNumber(shape("10 Vienna 4"), 0)).isFalse();
        assertThat(AddressStarts.romanceAfterNumber(shape("10 "), 0)).isFalse();
    }

    @Test
    void germanicShapesAreAtMostTwoWordsBeforeTheNumber() {
        assertThat(AddressStarts.germanicWords(shape("Alte Poststrasse 3"), 0)).isTrue();
        assertThat(AddressStarts.germanicWords(shape("Karl - Marx 3"), 0)).isTrue();
        assertThat(AddressStarts.germanicWords(shape("one two three 3"), 0)).isFalse();
        assertThat(AddressStarts.germanicWords(shape("Poststrasse, 3"), 0)).isFalse();
    }

    @Test
    void boxesAndNumberedStreetsHaveTheirOwnOpenings() {
        assertThat(AddressStarts.boxStart(shape("P.O. Box 12"), 0)).isTrue();
        assertThat(AddressStarts.boxStart(shape("Unit 4, Box 9"), 0)).isTrue();
        assertThat(AddressStarts.boxStart(shape("Paris"), 0)).isFalse();
        assertThat(AddressStarts.numberThenSpace(shape("12 Main 4"), 0)).isTrue();
        assertThat(AddressStarts.numberThenSpace(shape("1234567 Main 4"), 0)).isFalse();
        assertThat(AddressStarts.numberThenSpace(shape("12,5"), 0)).isFalse();
    }
}
