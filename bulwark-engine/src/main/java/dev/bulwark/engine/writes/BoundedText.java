package dev.bulwark.engine.writes;

/**
 * Text for regex matching that gives up after a fixed number of character reads, so a pattern that backtracks
 * catastrophically on hostile input ends in a refusal instead of a stuck thread.
 */
final class BoundedText implements CharSequence {
    /** Thrown when the budget of character reads is spent; the match then counts as a violation. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("regex evaluation budget exhausted", null, false, false);
        }
    }

    private final String text;
    private final int[] reads;
    private final int budget;

    BoundedText(String text, int budget) {
        this(text, new int[1], budget);
    }

    private BoundedText(String text, int[] reads, int budget) {
        this.text = text;
        this.reads = reads;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] > budget) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.substring(start, end), reads, budget);
    }

    @Override
    public String toString() {
        return text;
    }
}
