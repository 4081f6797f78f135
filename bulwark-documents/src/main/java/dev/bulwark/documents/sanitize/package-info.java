/**
 * Turns untrusted document bytes into the plain text a reader would see: markup, scripts, comments and hidden
 * elements removed; invisible, bidirectional-control, zero-width and tag characters removed.
 */
package dev.bulwark.documents.sanitize;
