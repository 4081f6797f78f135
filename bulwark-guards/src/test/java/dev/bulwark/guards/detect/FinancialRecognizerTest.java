package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.guards.text.ScanText;
import dev.bulwark.spi.guard.Finding;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cards, IBANs and SSNs are matched only where a match can start and only in texts with enough digits; compared with
 * {@code find()} loops over the whole text.
 */
class FinancialRecognizerTest {
    /** The patterns the hand-written shapes replaced. */
    private static final Pattern CARD = Pattern.compile("(?<![\\d.,+-])\\d(?:[ -]?+\\d){11,18}+(?![\\d]|[.,-]\\d)");
    private static final Pattern SSN = Pattern.compile(
            "(?<![\\d-])(\\d{3})([- .]?)(\\d{2})\\2(\\d{4})(?![\\d]|-\\d)");

    private static final String[] PIECES = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111",
            "5500 0000 0000 0004", "1234", "0000", "12", "7", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432",
            "DE89370400440532013000", "de", "GB", "XX", "a", "Z", "078-05-1120", "078 05 1120", "078.05.1120",
            "078051120", "219-09-9999", " ", " ", "-", ".", ",", "+", "card", "ssn", "\n", "é", "_", "٣", "536-22-8726",
            "536 22 8726", "536.22.8726", "536228726", "536-22 8726", "4111 1111 1111 1111 1111", "99", "-9", ".5"};

    @Test
    void findsWhatFindLoopsFindOnGeneratedTexts() {
        int found = 0;
        for (String generated : GeneratedTexts.of(23, PIECES, 40_000, 8)) {
            String text = ScanText.of(generated).text(); // recognizers read the matching form
            Candidates out = new Candidates(ScanText.of(text), 100_000);
            new FinancialRecognizer().recognize(text, out);
            List<Finding> expected = reference(text);
            assertThat(sorted(out.all())).as(text).isEqualTo(expected);
            found += expected.size();
        }
        assertThat(found).isGreaterThan(5_000);
    }

    @Test
    void shapesEndWhereThePatternsEndAtEveryIndex() {
        int cards = 0;
        int ssns = 0;
        for (String text : GeneratedTexts.of(41, PIECES, 20_000, 8)) {
            Matcher card = CARD.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            Matcher ssn = SSN.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            for (int i = 0; i < text.length(); i++) {
                int cardEnd = card.region(i, text.length()).lookingAt() ? card.end() : -1;
                int ssnEnd = ssn.region(i, text.length()).lookingAt() ? ssn.end() : -1;
                assertThat(FinancialShapes.cardEnd(text, i)).as("card at %d of %s", i, text).isEqualTo(cardEnd);
                assertThat(FinancialShapes.ssnEnd(text, i)).as("ssn at %d of %s", i, text).isEqualTo(ssnEnd);
                cards += cardEnd >= 0 ? 1 : 0;
                ssns += ssnEnd >= 0 ? 1 : 0;
            }
        }
        assertThat(cards).isGreaterThan(2_000);
        assertThat(ssns).isGreaterThan(2_000);
    }

    private static List<Finding> reference(String text) {
        Candidates out = new Candidates(ScanText.of(text), 100_000);
        Matcher m = CARD.matcher(text);
        while (m.find()) {
            FinancialRecognizer.card(text, m.start(), m.end(), out);
        }
        m = FinancialRecognizer.IBAN.matcher(text);
        while (m.find()) {
            FinancialRecognizer.iban(m, out);
        }
        m = SSN.matcher(text);
        while (m.find()) {
            FinancialRecognizer.ssn(text, m.start(), m.end(), out);
        }
        return sorted(out.all());
    }

    private static List<Finding> sorted(List<Finding> findings) {
        return findings.stream().sorted(Comparator.comparing(Finding::type).thenComparingInt(Finding::start)
                .thenComparingInt(Finding::end)).toList();
    }
}
