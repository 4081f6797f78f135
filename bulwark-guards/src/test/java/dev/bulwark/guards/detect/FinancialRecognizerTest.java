package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.guards.text.ScanText;
import dev.bulwark.spi.guard.Finding;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Cards, IBANs and SSNs are matched only where a match can start and only in texts with enough digits; compared with
 * {@code find()} loops over the whole text.
 */
class FinancialRecognizerTest {
    private static final String[] PIECES = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111",
            "5500 0000 0000 0004", "1234", "0000", "12", "7", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432",
            "DE89370400440532013000", "de", "GB", "XX", "a", "Z", "078-05-1120", "078 05 1120", "078.05.1120",
            "078051120", "219-09-9999", " ", " ", "-", ".", ",", "+", "card", "ssn", "\n", "é", "_", "٣"};

    @Test
    void findsWhatFindLoopsFindOnGeneratedTexts() {
        int found = 0;
        for (String text : GeneratedTexts.of(23, PIECES, 40_000, 8)) {
            Candidates out = new Candidates(ScanText.of(text), 100_000);
            new FinancialRecognizer().recognize(text, out);
            List<Finding> expected = reference(text);
            assertThat(sorted(out.all())).as(text).isEqualTo(expected);
            found += expected.size();
        }
        assertThat(found).isGreaterThan(5_000);
    }

    private static List<Finding> reference(String text) {
        Candidates out = new Candidates(ScanText.of(text), 100_000);
        Matcher m = FinancialRecognizer.CARD.matcher(text);
        while (m.find()) {
            FinancialRecognizer.card(text, m, out);
        }
        m = FinancialRecognizer.IBAN.matcher(text);
        while (m.find()) {
            FinancialRecognizer.iban(m, out);
        }
        m = FinancialRecognizer.SSN.matcher(text);
        while (m.find()) {
            FinancialRecognizer.ssn(text, m, out);
        }
        return sorted(out.all());
    }

    private static List<Finding> sorted(List<Finding> findings) {
        return findings.stream().sorted(Comparator.comparing(Finding::type).thenComparingInt(Finding::start)
                .thenComparingInt(Finding::end)).toList();
    }
}
