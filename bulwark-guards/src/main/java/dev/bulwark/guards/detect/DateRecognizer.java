package dev.bulwark.guards.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and times (Presidio's DATE_TIME), including dates of birth: ISO timestamps, numeric day/month/year forms with
 * range checks, written month names, weekdays, and four-digit years introduced by a time word.
 */
final class DateRecognizer implements Recognizer {
    private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
            + "aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    private static final Pattern MONTH_HINT = Pattern.compile(
            "(?i)jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec");
    private static final Pattern ISO = Pattern.compile(
            "(?<![\\w.-])(\\d{4})-(\\d{2})-(\\d{2})(?:[ T]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?"
                    + "(?![\\w-]|\\.\\d)");
    private static final Pattern NUMERIC = Pattern.compile(
            "(?<![\\w./-])(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\w]|[./-]\\d)");
    private static final Pattern WRITTEN = Pattern.compile(
            "(?<![\\w])(?:(?:\\d{1,2}(?:st|nd|rd|th)?\\s(?:of\\s)?" + MONTH + ",?(?:\\s\\d{4})?)|(?:" + MONTH
                    + "\\s\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s\\d{4})?)|(?:" + MONTH + ",?\\s\\d{4}))(?![\\w])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WEEKDAY = Pattern.compile(
            "(?<![\\w])(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?![\\w])", Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR = Pattern.compile("(?<![\\w.,/:-])(?:1[89]\\d\\d|20\\d\\d)(?:s)?(?![\\w]|[.,:/-]\\d)");
    private static final Pattern YEAR_CONTEXT = Context.words("in", "since", "year", "born", "from", "until",
            "till", "by", "of", "during", "before", "after", "around", "circa", "early", "late", "mid", "founded",
            "established", "dob", "date");
    private static final Pattern BIRTH = Context.words("born", "birth", "birthday", "dob", "d\\.o\\.b", "date of birth");
    private static final Pattern VERSION = Context.words("version", "ver", "v", "release", "build", "firmware");

    @Override
    public void recognize(String text, Candidates out) {
        boolean digits = Digits.any(text);
        Matcher m = ISO.matcher(text);
        while (digits && m.find()) {
            if (validDate(m.group(1), m.group(2), m.group(3), true)) {
                out.add("DATE_TIME", m.start(), m.end(), score(text, m.start(), 0.85), "date");
            }
        }
        m = NUMERIC.matcher(text);
        while (digits && m.find()) {
            if (Context.before(text, m.start(), 16, VERSION)) {
                continue;
            }
            String a = m.group(1);
            String b = m.group(3);
            boolean dayFirst = validDate(m.group(4), b, a, false);
            boolean monthFirst = validDate(m.group(4), a, b, false);
            if (dayFirst || monthFirst) {
                double base = m.group(4).length() == 4 ? 0.75 : 0.5;
                out.add("DATE_TIME", m.start(), m.end(), score(text, m.start(), base), "date");
            }
        }
        if (MONTH_HINT.matcher(text).find()) {
            m = WRITTEN.matcher(text);
            while (m.find()) {
                out.add("DATE_TIME", m.start(), m.end(), score(text, m.start(), 0.75), "date");
            }
        }
        if (text.contains("day") || text.contains("DAY")) {
            m = WEEKDAY.matcher(text);
            while (m.find()) {
                out.add("DATE_TIME", m.start(), m.end(), 0.6, "date");
            }
        }
        m = YEAR.matcher(text);
        while (digits && m.find()) {
            boolean context = Context.before(text, m.start(), 14, YEAR_CONTEXT);
            out.add("DATE_TIME", m.start(), m.end(), context ? 0.55 : 0.35, "date");
        }
    }

    private static double score(String text, int start, double base) {
        return Context.before(text, start, 40, BIRTH) ? base + 0.15 : base;
    }

    private static boolean validDate(String year, String month, String day, boolean strictYear) {
        int y = Integer.parseInt(year);
        int mo = Integer.parseInt(month);
        int d = Integer.parseInt(day);
        if (strictYear && (y < 1000 || y > 2999)) {
            return false;
        }
        return mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
    }
}
