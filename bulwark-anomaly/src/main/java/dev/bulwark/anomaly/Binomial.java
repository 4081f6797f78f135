package dev.bulwark.anomaly;

/** Tail of a binomial distribution, for "this many of the last n calls is unlikely at this rate". */
final class Binomial {
    private Binomial() {}

    /** The smallest k with P(X >= k) < alpha for X ~ Binomial(n, p); n + 1 when no k qualifies. */
    static int threshold(int n, double p, double alpha) {
        double[] pmf = new double[n + 1];
        double q = 1 - p;
        pmf[0] = Math.pow(q, n);
        for (int k = 1; k <= n; k++) {
            pmf[k] = pmf[k - 1] * (n - k + 1) / k * p / q;
        }
        double tail = 0;
        for (int k = n; k >= 0; k--) {
            tail += pmf[k];
            if (tail >= alpha) {
                return k + 1;
            }
        }
        return 0;
    }
}
