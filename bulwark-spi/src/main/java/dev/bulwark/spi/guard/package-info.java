/** Screening steps on tool output: a guard passes, rewrites (redacts, labels) or blocks what a tool returned. */
package dev.bulwark.spi.guard;
