package dev.bulwark.guards.detect;

import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One numbering plan of libphonenumber's metadata (a region or a non-geographical entity) with its patterns compiled
 * once. Each method restates one step of {@code PhoneNumberUtil} (9.0.19) on a national number of ASCII digits, with
 * the same patterns and the same order of tests, so its answers are the library's.
 */
final class PhonePlan {
    /** A number description: its possible lengths (when listed) and its national number pattern (when any). */
    private record Desc(int[] lengths, Digits pattern) {
        static Desc of(PhoneNumberDesc desc) {
            String regex = desc.getNationalNumberPattern();
            return new Desc(ints(desc.getPossibleLengthList()), regex.isEmpty() ? null : Digits.of(regex));
        }

        /** {@code RegexBasedMatcher.matchNationalNumber} without prefix matches: an empty pattern matches nothing. */
        boolean patternMatches(CharSequence number) {
            return pattern != null && pattern.matches(number);
        }

        /** {@code PhoneNumberUtil.isNumberMatchingDesc}: listed lengths are checked before the pattern. */
        boolean matches(String number) {
            return (lengths.length == 0 || contains(lengths, number.length())) && patternMatches(number);
        }
    }

    /** A metadata pattern as an automaton, or as the regex itself when it goes beyond the digit subset. */
    private record Digits(DigitPattern automaton, Pattern regex) {
        static Digits of(String regex) {
            DigitPattern automaton = DigitPattern.compileOrNull(regex);
            return new Digits(automaton, automaton == null ? Pattern.compile(regex) : null);
        }

        boolean matches(CharSequence s) {
            return automaton != null ? automaton.matches(s) : regex.matcher(s).matches();
        }

        boolean lookingAt(CharSequence s) {
            return automaton != null ? automaton.matchesPrefix(s) : regex.matcher(s).lookingAt();
        }
    }

    final int countryCode;
    final String countryCodeDigits;
    private final Pattern internationalPrefix;
    /** The international prefix as an automaton when its language is prefix-free (one possible end), else null. */
    private final DigitPattern internationalPrefixEnd;
    private final Pattern nationalPrefix;
    /** The national prefix as an automaton (null beyond the digit subset), to rule out most numbers cheaply. */
    private final DigitPattern nationalPrefixStart;
    /** Whether {@link #nationalPrefixStart} alone tells where the prefix ends: no groups, no transform, one end. */
    private final boolean nationalPrefixPlain;
    private final String transformRule;
    private final Digits leadingDigits;
    private final Desc general;
    /** Premium rate, toll free, shared cost, VoIP, personal, pager, UAN and voicemail: the order of the library. */
    private final Desc[] special;
    private final Desc fixedLine;
    private final Desc mobile;
    private final boolean sameMobileAndFixedLine;
    private final int[] possibleLengths;
    private final int[] localOnlyLengths;

    PhonePlan(PhoneMetadata m) {
        countryCode = m.getCountryCode();
        countryCodeDigits = String.valueOf(countryCode);
        // An empty international prefix is compiled too: the library's empty pattern matches every number.
        internationalPrefix = Pattern.compile(m.getInternationalPrefix());
        DigitPattern idd = DigitPattern.compileOrNull(m.getInternationalPrefix());
        internationalPrefixEnd = idd != null && idd.prefixFree() ? idd : null;
        nationalPrefix = compileOrNull(m.getNationalPrefixForParsing());
        transformRule = m.getNationalPrefixTransformRule();
        nationalPrefixStart = nationalPrefix == null ? null : DigitPattern.compileOrNull(nationalPrefix.pattern());
        nationalPrefixPlain = nationalPrefixStart != null && nationalPrefixStart.prefixFree()
                && nationalPrefix.matcher("").groupCount() == 0 && (transformRule == null || transformRule.isEmpty());
        leadingDigits = m.hasLeadingDigits() ? Digits.of(m.getLeadingDigits()) : null;
        general = Desc.of(m.getGeneralDesc());
        special = new Desc[] {Desc.of(m.getPremiumRate()), Desc.of(m.getTollFree()), Desc.of(m.getSharedCost()),
                Desc.of(m.getVoip()), Desc.of(m.getPersonalNumber()), Desc.of(m.getPager()), Desc.of(m.getUan()),
                Desc.of(m.getVoicemail())};
        fixedLine = Desc.of(m.getFixedLine());
        mobile = Desc.of(m.getMobile());
        sameMobileAndFixedLine = m.getSameMobileAndFixedLinePattern();
        possibleLengths = ints(m.getGeneralDesc().getPossibleLengthList());
        localOnlyLengths = ints(m.getGeneralDesc().getPossibleLengthLocalOnlyList());
    }

    /**
     * {@code parsePrefixAsIdd}: the length of the international prefix that starts {@code digits}, or -1 when none
     * does or a 0 follows it (calling codes never start with 0).
     */
    int internationalPrefixLength(String digits) {
        int end;
        if (internationalPrefixEnd != null) {
            end = internationalPrefixEnd.prefixEnd(digits);
            if (end < 0) {
                return -1;
            }
        } else {
            Matcher m = internationalPrefix.matcher(digits);
            if (!m.lookingAt()) {
                return -1;
            }
            end = m.end();
        }
        return end < digits.length() && digits.charAt(end) == '0' ? -1 : end;
    }

    /** {@code maybeStripNationalPrefixAndCarrierCode}: the number without its national prefix, or itself. */
    String stripNationalPrefix(String number) {
        if (number.isEmpty() || nationalPrefix == null
                || nationalPrefixStart != null && !nationalPrefixStart.matchesPrefix(number)) {
            return number;
        }
        if (nationalPrefixPlain) {
            String rest = number.substring(nationalPrefixStart.prefixEnd(number));
            return general.patternMatches(number) && !general.patternMatches(rest) ? number : rest;
        }
        Matcher m = nationalPrefix.matcher(number);
        if (!m.lookingAt()) {
            return number;
        }
        boolean viableOriginal = general.patternMatches(number);
        int groups = m.groupCount();
        if (transformRule == null || transformRule.isEmpty() || m.group(groups) == null) {
            String rest = number.substring(m.end());
            return viableOriginal && !general.patternMatches(rest) ? number : rest;
        }
        String transformed = m.replaceFirst(transformRule);
        return viableOriginal && !general.patternMatches(transformed) ? number : transformed;
    }

    /** Whether the general description's pattern matches (no length test, as {@code matchNationalNumber}). */
    boolean generalPatternMatches(String number) {
        return general.patternMatches(number);
    }

    /** {@code testNumberLength} for the type UNKNOWN, that is against the general description's lengths. */
    ValidationResult testLength(int length) {
        if (possibleLengths[0] == -1) {
            return ValidationResult.INVALID_LENGTH;
        }
        if (contains(localOnlyLengths, length)) {
            return ValidationResult.IS_POSSIBLE_LOCAL_ONLY;
        }
        int minimum = possibleLengths[0];
        if (minimum == length) {
            return ValidationResult.IS_POSSIBLE;
        } else if (minimum > length) {
            return ValidationResult.TOO_SHORT;
        } else if (possibleLengths[possibleLengths.length - 1] < length) {
            return ValidationResult.TOO_LONG;
        }
        return contains(possibleLengths, length) ? ValidationResult.IS_POSSIBLE : ValidationResult.INVALID_LENGTH;
    }

    /** Whether the plan's leading digits (which pick it among regions sharing a calling code) start the number. */
    boolean hasLeadingDigits() {
        return leadingDigits != null;
    }

    boolean leadingDigitsMatch(String number) {
        return leadingDigits.lookingAt(number);
    }

    /**
     * {@code getNumberTypeHelper(...) != UNKNOWN}: the number fits the general description and that of some type.
     * The library tries the rare types first to name the type; whether any fits does not depend on the order, so
     * fixed line and mobile, the common ones, go first here.
     */
    boolean hasKnownType(String number) {
        if (!general.matches(number)) {
            return false;
        }
        // Mobile is only tried when its pattern differs from the fixed-line one, as in the library.
        if (fixedLine.matches(number) || !sameMobileAndFixedLine && mobile.matches(number)) {
            return true;
        }
        for (Desc d : special) {
            if (d.matches(number)) {
                return true;
            }
        }
        return false;
    }

    private static Pattern compileOrNull(String regex) {
        return regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
