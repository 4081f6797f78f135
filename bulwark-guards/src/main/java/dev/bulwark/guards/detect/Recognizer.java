package dev.bulwark.guards.detect;

/** One family of patterns; reports candidates in the matching text's indices. Stateless and thread-safe. */
interface Recognizer {

    void recognize(String text, Candidates out);
}
